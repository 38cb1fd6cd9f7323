package dev.modelgate.engine.rest;

import dev.modelgate.engine.processing.Rejection;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem as the Orchestration Cluster REST API answers it: {@code type}, {@code title} (the
 * reason, e.g. {@code INVALID_ARGUMENT}), {@code status}, {@code detail}, {@code instance} (the path).
 * Thrown by parsing and by the engine's rejections; the server renders it as {@code application/problem+json}.
 */
public final class RestProblem extends RuntimeException {
  public static final String MEDIA_TYPE = "application/problem+json";

  private final int status;
  private final String title;

  public RestProblem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** 400: a request field is missing or malformed; the detail names it. */
  public static RestProblem invalid(String detail) {
    return new RestProblem(400, "INVALID_ARGUMENT", detail);
  }

  public static RestProblem notFound(String detail) {
    return new RestProblem(404, "NOT_FOUND", detail);
  }

  /** The HTTP twin of a gRPC-style rejection, with the status codes Camunda's gateway maps them to. */
  public static RestProblem of(Rejection r) {
    return switch (r.type()) {
      case INVALID_ARGUMENT -> new RestProblem(400, "INVALID_ARGUMENT", r.message());
      case NOT_FOUND -> new RestProblem(404, "NOT_FOUND", r.message());
      case FAILED_PRECONDITION -> new RestProblem(409, "INVALID_STATE", r.message());
      case ALREADY_EXISTS -> new RestProblem(409, "ALREADY_EXISTS", r.message());
      case UNAVAILABLE -> new RestProblem(503, "UNAVAILABLE", r.message());
      case INTERNAL -> new RestProblem(500, "INTERNAL", r.message());
    };
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public JsonObject toJson(String instance) {
    return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
        .put("detail", getMessage()).put("instance", instance);
  }
}
