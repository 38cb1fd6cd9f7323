package dev.modelgate.engine.processing;

/** A command the engine refused, with the gRPC-style reason. */
public record Rejection(Type type, String message) {

  public enum Type { NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, UNAVAILABLE, INTERNAL }

  public static Rejection notFound(String message) {
    return new Rejection(Type.NOT_FOUND, message);
  }

  public static Rejection invalid(String message) {
    return new Rejection(Type.INVALID_ARGUMENT, message);
  }

  public static Rejection precondition(String message) {
    return new Rejection(Type.FAILED_PRECONDITION, message);
  }
}
