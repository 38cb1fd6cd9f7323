package dev.modelgate.web;

import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a handler may read about one request: who calls, in which team the permission was
 * checked, path and query parameters, headers and the JSON body (read by the router, see {@link RequestBody}).
 */
public final class ApiCall {

  private final Principal principal;
  private final Optional<String> team;
  private final Object resource;
  private final Map<String, String> pathParams;
  private final MultiMap query;
  private final MultiMap headers;
  private final JsonObject body;
  private final String requestId;

  public ApiCall(Principal principal, Optional<String> team, Object resource, Map<String, String> pathParams,
      MultiMap query, MultiMap headers, JsonObject body, String requestId) {
    this.principal = principal;
    this.team = team;
    this.resource = resource;
    this.pathParams = pathParams;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.requestId = requestId;
  }

  public Principal principal() {
    return principal;
  }

  /** The team the route's permission was checked in (empty on platform routes). */
  public String team() {
    return team.orElseThrow(() -> new IllegalStateException("route has no team scope"));
  }

  public Optional<String> teamIfAny() {
    return team;
  }

  /** The resource the route's {@link TeamScope.ResourceLookup} loaded. */
  public <T> T resource(Class<T> type) {
    if (!type.isInstance(resource)) {
      throw new IllegalStateException("route loaded no " + type.getSimpleName());
    }
    return type.cast(resource);
  }

  public String path(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return v;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name)).filter(s -> !s.isEmpty());
  }

  public MultiMap queryParams() {
    return query;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public String requestId() {
    return requestId;
  }

  /**
   * The request body as a JSON object. The router has already refused a body the route cannot take; a
   * route that requires one always has it here (the 400 stays for a handler that reads an optional one).
   */
  public JsonObject body() {
    if (body == null) {
      throw Refusal.invalid("body", "a JSON object is required");
    }
    return body;
  }

  /** The body, or an empty object when the request had none. */
  public JsonObject optionalBody() {
    return body == null ? new JsonObject() : body;
  }
}
