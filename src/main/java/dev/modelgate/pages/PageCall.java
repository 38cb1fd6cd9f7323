package dev.modelgate.pages;

import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a page handler may read, captured on the event loop before the handler runs on a virtual thread:
 * the session cookie, path parameters, form fields (POST), query parameters and where the request came from.
 */
public record PageCall(String sessionCookie, Map<String, String> path, MultiMap form, MultiMap query, String clientIp,
    boolean secure, String baseUrl, String flashCookie) {

  public String form(String name) {
    return form == null ? null : form.get(name);
  }

  /** A form field, trimmed; empty when missing or blank. */
  public Optional<String> field(String name) {
    return Optional.ofNullable(form(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  public String path(String name) {
    String v = path.get(name);
    if (v == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return v;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query == null ? null : query.get(name)).filter(s -> !s.isEmpty());
  }
}
