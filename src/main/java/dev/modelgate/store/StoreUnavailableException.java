package dev.modelgate.store;

/**
 * The store could not be opened or reached, or cannot make writes durable right now (disk full or
 * read-only); callers answer "try again later" and acknowledge nothing.
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
