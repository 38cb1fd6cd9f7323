package dev.modelgate.web;

import dev.modelgate.access.Permission;
import io.vertx.core.http.HttpMethod;

/**
 * One API route as declared in a feature's route table: method, path (Vert.x syntax, {@code :param}),
 * the permission it needs, where its team comes from, whether it takes a JSON body, and its handler.
 */
public record ApiRoute(HttpMethod method, String path, Permission permission, TeamScope scope, BodyKind body,
    ApiHandler handler) {

  /** Whether the route reads a JSON body. */
  public enum BodyKind { NONE, JSON, OPTIONAL_JSON }

  /** The path in OpenAPI syntax: {@code /teams/{team}}. */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }

  public boolean mutates() {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }
}
