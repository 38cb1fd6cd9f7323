package dev.modelgate.web;

import dev.modelgate.json.JsonFields;
import dev.modelgate.access.Permission;
import io.vertx.core.http.HttpMethod;

/**
 * One API route as declared in a feature's route table: method, path (Vert.x syntax, {@code :param}),
 * the permission it needs, where its team comes from, whether it takes a JSON body, and its handler.
 */
public record ApiRoute(HttpMethod method, String path, Permission permission, TeamScope scope, BodyKind body,
    ApiHandler handler) {

  /**
   * What body the route takes; the router refuses any other before the route's team is looked up
   * ({@link RequestBody}), so a handler never runs on a body it would not have read.
   */
  public enum BodyKind {
    /** No body: none, or an empty JSON object {@code {}}; anything else is a 400. */
    NONE,
    /** A JSON object is required; the handler reads its fields (unknown ones refused, see {@link JsonFields}). */
    JSON,
    /** No body, or a JSON object whose fields the handler reads (unknown ones refused, see {@link JsonFields}). */
    OPTIONAL_JSON
  }

  /** The path in OpenAPI syntax: {@code /teams/{team}}. */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }

  public boolean mutates() {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }
}
