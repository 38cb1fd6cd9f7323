package dev.modelgate.access.oidc;

/** A token that failed verification; the message says why (for logs, never for the caller). */
public final class InvalidTokenException extends Exception {
  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
