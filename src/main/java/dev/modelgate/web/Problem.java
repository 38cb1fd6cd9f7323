package dev.modelgate.web;

import dev.modelgate.kernel.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code field} names the offending request field when there is one;
 * {@code errors} lists every field error when a body had several.
 */
public record Problem(int status, String title, String detail, String field, List<Refusal.InvalidField> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, title, detail, null, List.of());
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (field != null) {
      json.put("field", field);
    }
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      json.put("errors", list);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    return json;
  }
}
