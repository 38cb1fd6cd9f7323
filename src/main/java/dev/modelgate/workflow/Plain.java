package dev.modelgate.workflow;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converts JSON objects to plain maps and lists, the form process variables and documents take. */
public final class Plain {

  private Plain() {}

  public static Map<String, Object> of(JsonObject json) {
    // Decoding yields nested LinkedHashMaps and ArrayLists (not JsonObject wrappers).
    return new LinkedHashMap<>(new JsonObject(json.encode()).getMap());
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    return Map.of();
  }

  public static Map<String, Double> numbers(Object value) {
    Map<String, Double> out = new LinkedHashMap<>();
    map(value).forEach((k, v) -> {
      if (v instanceof Number n) {
        out.put(k, n.doubleValue());
      }
    });
    return out;
  }
}
