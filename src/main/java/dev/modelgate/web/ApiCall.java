package dev.modelgate.web;

import dev.modelgate.access.Principal;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a handler may read about one request: who calls, in which team the permission was
 * checked, path and query parameters, headers and the JSON body.
 */
public final class ApiCall {

  private final Principal principal;
  private final Optional<String> team;
  private final Object resource;
  private final Map<String, String> pathParams;
  private final MultiMap query;
  private final MultiMap headers;
  private final Buffer rawBody;
  private final String requestId;
  private JsonObject body;

  public ApiCall(Principal principal, Optional<String> team, Object resource, Map<String, String> pathParams,
      MultiMap query, MultiMap headers, Buffer rawBody, String requestId) {
    this.principal = principal;
    this.team = team;
    this.resource = resource;
    this.pathParams = pathParams;
    this.query = query;
    this.headers = headers;
    this.rawBody = rawBody;
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

  /** The request body as a JSON object: a 400 when it is missing, malformed or not an object. */
  public JsonObject body() {
    if (body == null) {
      body = parse(true);
    }
    return body;
  }

  /** The body, or an empty object when the request had none. */
  public JsonObject optionalBody() {
    if (body == null) {
      body = parse(false);
    }
    return body;
  }

  private JsonObject parse(boolean required) {
    if (rawBody == null || rawBody.length() == 0 || rawBody.toString().isBlank()) {
      if (required) {
        throw ProblemException.badRequest("body", "a JSON object is required");
      }
      return new JsonObject();
    }
    String text = rawBody.toString();
    String trimmed = text.stripLeading();
    if (!trimmed.startsWith("{")) {
      throw ProblemException.badRequest("body", "must be a JSON object");
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw ProblemException.badRequest("body", "malformed JSON: " + conciseMessage(e));
    }
  }

  private static String conciseMessage(DecodeException e) {
    String m = e.getMessage() == null ? "unreadable" : e.getMessage();
    // Jackson appends the whole source; keep the first line with the position.
    int cut = m.indexOf("\n at [Source");
    String head = (cut > 0 ? m.substring(0, cut) : m).replace("Failed to decode:", "").trim();
    int line = m.indexOf("line: ");
    if (line > 0) {
      int end = m.indexOf(']', line);
      head = head.lines().findFirst().orElse(head) + " (" + m.substring(line, end > 0 ? end : m.length()) + ")";
    }
    return head.length() > 300 ? head.substring(0, 300) : head;
  }
}
