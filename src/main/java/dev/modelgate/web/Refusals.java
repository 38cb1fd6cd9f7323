package dev.modelgate.web;

import dev.modelgate.kernel.Refusal;
import java.util.Map;

/** The one mapping from a feature's {@link Refusal} to its RFC 9457 problem and response headers. */
public final class Refusals {

  private Refusals() {}

  public static Problem problem(Refusal r) {
    String field = r.field().orElse(null);
    return switch (r.kind()) {
      case INVALID -> new Problem(400, "Invalid request", r.detail(), field, r.fields());
      case UNAUTHENTICATED -> new Problem(401, "Unauthorized", r.detail(), field, r.fields());
      case FORBIDDEN -> new Problem(403, "Forbidden", r.detail(), field, r.fields());
      case NOT_FOUND -> new Problem(404, "Not found", r.detail(), field, r.fields());
      case CONFLICT -> new Problem(409, "Conflict", r.detail(), field, r.fields());
      case UNACCEPTABLE -> new Problem(422, "Unprocessable request", r.detail(), field, r.fields());
      case TOO_MANY_ATTEMPTS -> new Problem(429, "Too many requests", r.detail(), field, r.fields());
      case UNAVAILABLE -> new Problem(503, "Service unavailable", r.detail(), field, r.fields());
    };
  }

  /** {@code Retry-After} in whole seconds (at least 1) when the refusal says when to try again. */
  public static Map<String, String> headers(Refusal r) {
    return r.retryAfter()
        .map(d -> Map.of("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
        .orElse(Map.of());
  }

  public static int status(Refusal r) {
    return problem(r).status();
  }
}
