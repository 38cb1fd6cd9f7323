package dev.modelgate.engine.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a request's JSON object. Every malformed or missing field becomes a 400 naming the field
 * (by its path in the request, e.g. {@code page.limit}), so that bad input never reaches the engine.
 */
public final class JsonFields {
  private final JsonObject json;
  private final String prefix;

  private JsonFields(JsonObject json, String prefix) {
    this.json = json;
    this.prefix = prefix;
  }

  /** The request body as an object; an empty body is the empty object. */
  public static JsonFields of(Buffer body) {
    if (body == null || body.length() == 0) {
      return new JsonFields(new JsonObject(), "");
    }
    String text = body.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return new JsonFields(new JsonObject(), "");
    }
    if (!text.startsWith("{")) {
      throw RestProblem.invalid("The request body must be a JSON object");
    }
    try {
      return new JsonFields(new JsonObject(text), "");
    } catch (DecodeException e) {
      throw RestProblem.invalid("The request body is not valid JSON: " + e.getMessage());
    }
  }

  public static JsonFields of(JsonObject json, String path) {
    return new JsonFields(json, path.isEmpty() ? "" : path + ".");
  }

  public JsonObject json() {
    return json;
  }

  public String path(String name) {
    return prefix + name;
  }

  public boolean has(String name) {
    return json.getValue(name) != null;
  }

  public String string(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw RestProblem.invalid("Property '" + path(name) + "' must be a string");
    }
    return s;
  }

  public String requiredString(String name) {
    String s = string(name);
    if (s == null || s.isBlank()) {
      throw RestProblem.invalid("No " + path(name) + " provided.");
    }
    return s;
  }

  public Long integer(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    throw RestProblem.invalid("Property '" + path(name) + "' must be an integer");
  }

  public long integer(String name, long otherwise) {
    Long v = integer(name);
    return v == null ? otherwise : v;
  }

  /** An int field within bounds. */
  public Integer intIn(String name, long min, long max) {
    Long v = integer(name);
    if (v == null) {
      return null;
    }
    if (v < min || v > max) {
      throw RestProblem.invalid("Property '" + path(name) + "' must be between " + min + " and " + max
          + ", but was " + v);
    }
    return v.intValue();
  }

  public Boolean bool(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw RestProblem.invalid("Property '" + path(name) + "' must be a boolean");
    }
    return b;
  }

  /** A key: Camunda writes keys as strings of digits (numbers are accepted too). */
  public Long key(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof String s) {
      return Keys.parse(s, path(name));
    }
    throw RestProblem.invalid("Property '" + path(name) + "' must be a key (a string of digits)");
  }

  public JsonFields object(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw RestProblem.invalid("Property '" + path(name) + "' must be an object");
    }
    return new JsonFields(o, path(name) + ".");
  }

  /** A variables document as the engine's commands take it; absent = the empty document. */
  public String variables(String name) {
    JsonFields o = object(name);
    return o == null ? "{}" : o.json.encode();
  }

  public JsonArray array(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      throw RestProblem.invalid("Property '" + path(name) + "' must be an array");
    }
    return a;
  }

  public List<String> strings(String name) {
    JsonArray a = array(name);
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String s)) {
        throw RestProblem.invalid("Property '" + path(name) + "[" + i + "]' must be a string");
      }
      out.add(s);
    }
    return out;
  }

  /** Refuses properties the endpoint does not know, naming them (rather than silently ignoring them). */
  public void allowOnly(String... names) {
    List<String> allowed = List.of(names);
    for (String f : json.fieldNames()) {
      if (!allowed.contains(f)) {
        throw RestProblem.invalid("Property '" + path(f) + "' is not supported by the embedded engine");
      }
    }
  }
}
