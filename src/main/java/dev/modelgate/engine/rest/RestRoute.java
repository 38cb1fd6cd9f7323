package dev.modelgate.engine.rest;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;

/**
 * One row of the REST API's route table: method, path under {@code /v2}, and the handler (parse, call the
 * engine, render). A handler throws or completes exceptionally with a {@link RestProblem} for a refusal.
 */
public record RestRoute(HttpMethod method, String path, Handler handler) {

  @FunctionalInterface
  public interface Handler {
    CompletableFuture<Reply> handle(RoutingContext request);
  }

  /** A response: a status and a JSON body, or none (204). */
  public record Reply(int status, JsonObject body) {
    public static Reply ok(JsonObject body) {
      return new Reply(200, body);
    }

    public static Reply noContent() {
      return new Reply(204, null);
    }

    public static CompletableFuture<Reply> done(JsonObject body) {
      return CompletableFuture.completedFuture(ok(body));
    }
  }

  public static RestRoute get(String path, Handler h) {
    return new RestRoute(HttpMethod.GET, path, h);
  }

  public static RestRoute post(String path, Handler h) {
    return new RestRoute(HttpMethod.POST, path, h);
  }

  public static RestRoute patch(String path, Handler h) {
    return new RestRoute(HttpMethod.PATCH, path, h);
  }

  public static RestRoute delete(String path, Handler h) {
    return new RestRoute(HttpMethod.DELETE, path, h);
  }

  /** The key in the path parameter {@code name}, or a 400 naming it. */
  public static long pathKey(RoutingContext request, String name) {
    return Keys.parse(request.pathParam(name), name);
  }

  public static JsonFields body(RoutingContext request) {
    return JsonFields.of(request.body() == null ? null : request.body().buffer());
  }
}
