package dev.modelgate.engine;

import dev.modelgate.engine.processing.Rejection;

/**
 * The engine refused a command made through its Java API (not over gRPC): NOT_FOUND, INVALID_ARGUMENT,
 * FAILED_PRECONDITION (Camunda's INVALID_STATE, a 409 in REST terms), UNAVAILABLE.
 */
public final class EngineRejectedException extends RuntimeException {
  private final transient Rejection rejection;

  public EngineRejectedException(Rejection rejection) {
    super(rejection.type() + ": " + rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
