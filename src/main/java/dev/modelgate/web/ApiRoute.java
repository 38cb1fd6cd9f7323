package dev.modelgate.web;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;
import dev.modelgate.json.JsonFields;
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

  /**
   * The route that does {@code action}, whose subject (or team slug) is the path parameter {@code param}:
   * permission and team scope come from the action's one declaration.
   */
  public static ApiRoute of(HttpMethod method, String path, Action<?> action, String param, BodyKind body,
      ApiHandler handler) {
    return new ApiRoute(method, path, action.permission(), scope(action, param), body, handler);
  }

  /**
   * The team scope of {@code action} when its subject's id (or the team slug) is the path parameter
   * {@code param}; an owned subject is loaded once and handed to the handler ({@link ApiCall#resource}).
   */
  static <R> TeamScope scope(Action<R> action, String param) {
    return switch (action.scope()) {
      case Action.Platform<R> p -> TeamScope.platform();
      case Action.TeamSlug<R> t -> TeamScope.pathParam(param);
      case Action.Owned<R> o -> TeamScope.resource(ctx -> {
        R resource = o.load().apply(ctx.pathParam(param));
        return new TeamScope.Owned(o.team().apply(resource), resource);
      });
    };
  }

  /** A route whose action is platform-wide (no team in the path). */
  public static ApiRoute of(HttpMethod method, String path, Action<?> action, BodyKind body, ApiHandler handler) {
    if (!(action.scope() instanceof Action.Platform<?>)) {
      throw new IllegalArgumentException(action.name() + " needs the path parameter holding its subject");
    }
    return new ApiRoute(method, path, action.permission(), TeamScope.platform(), body, handler);
  }

  /** The path in OpenAPI syntax: {@code /teams/{team}}. */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }

  public boolean mutates() {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }
}
