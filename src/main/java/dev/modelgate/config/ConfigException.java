package dev.modelgate.config;

/** An invalid configuration value; its message is the one line printed before refusing to start. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
