package dev.modelgate.web;

import java.util.List;

/**
 * Thrown by features for an expected failure the client caused (or may retry); the router renders its
 * problem as {@code application/problem+json}. Unexpected exceptions are never turned into these.
 */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final transient java.util.Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, java.util.Map.of());
  }

  /** A problem whose response also carries these headers (e.g. {@code Retry-After}). */
  public ProblemException(Problem problem, java.util.Map<String, String> headers) {
    super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
    this.problem = problem;
    this.headers = java.util.Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public java.util.Map<String, String> headers() {
    return headers;
  }

  /** 429 with {@code Retry-After} in whole seconds (at least 1). */
  public static ProblemException tooManyRequests(String detail, java.time.Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ProblemException(Problem.of(429, "Too many requests", detail),
        java.util.Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * 503 with {@code Retry-After}: the store cannot make writes durable right now (disk full or read-only);
   * nothing of the request was acknowledged, and the server recovers by itself once the disk is writable.
   */
  public static ProblemException storeUnavailable(java.time.Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ProblemException(Problem.of(503, "Service unavailable",
        "the store cannot save changes right now (disk full or read-only?); nothing was changed, retry later"),
        java.util.Map.of("Retry-After", Long.toString(seconds)));
  }

  public static ProblemException badRequest(String field, String message) {
    return new ProblemException(new Problem(400, "Invalid request", field + ": " + message, field,
        List.of(new Problem.FieldError(field, message))));
  }

  public static ProblemException invalidFields(List<Problem.FieldError> errors) {
    Problem.FieldError first = errors.getFirst();
    String detail = errors.size() == 1
        ? first.field() + ": " + first.message()
        : errors.size() + " invalid fields; first: " + first.field() + ": " + first.message();
    return new ProblemException(new Problem(400, "Invalid request", detail, first.field(), errors));
  }

  public static ProblemException unprocessable(String field, String message) {
    return new ProblemException(new Problem(422, "Unprocessable request", field + ": " + message, field,
        List.of(new Problem.FieldError(field, message))));
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "Unauthorized", detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, "Forbidden", detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "Not found", detail));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "Conflict", detail));
  }

  public static ProblemException conflict(String field, String detail) {
    return new ProblemException(new Problem(409, "Conflict", detail, field, List.of()));
  }
}
