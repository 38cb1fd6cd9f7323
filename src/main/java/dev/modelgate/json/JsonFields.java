package dev.modelgate.json;

import dev.modelgate.kernel.PlainText;
import dev.modelgate.kernel.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of a JSON request object, collecting every problem (wrong type, missing, too long,
 * unknown field, characters no text may hold: {@link PlainText}) instead of stopping at the first, so a
 * client fixes its request in one round trip.
 * Getters return null for a missing or invalid value; call {@link #throwIfInvalid()} before using them.
 */
public final class JsonFields {

  private final JsonObject json;
  private final String prefix;
  private final List<Refusal.InvalidField> errors;

  private JsonFields(JsonObject json, String prefix, List<Refusal.InvalidField> errors) {
    this.json = json;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** Reads {@code json}; fields outside {@code allowed} are reported as unknown. */
  public static JsonFields of(JsonObject json, Set<String> allowed) {
    JsonFields fields = new JsonFields(json, "", new ArrayList<>());
    fields.rejectUnknown(allowed);
    return fields;
  }

  /** Reads a nested object at {@code field}; errors are collected in this reader's list. */
  public JsonFields nested(String field, JsonObject value, Set<String> allowed) {
    JsonFields child = new JsonFields(value, path(field) + ".", errors);
    child.rejectUnknown(allowed);
    return child;
  }

  private void rejectUnknown(Set<String> allowed) {
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        error(name, "unknown field (accepted: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  public String path(String field) {
    return prefix + field;
  }

  public void error(String field, String message) {
    errors.add(new Refusal.InvalidField(path(field), message));
  }

  public boolean has(String field) {
    return json.containsKey(field) && json.getValue(field) != null;
  }

  public String requiredString(String field, int maxLength, Pattern pattern, String patternHint) {
    if (!has(field)) {
      error(field, "is required");
      return null;
    }
    return optionalString(field, maxLength, pattern, patternHint);
  }

  public String optionalString(String field, int maxLength, Pattern pattern, String patternHint) {
    if (!has(field)) {
      return null;
    }
    Object v = json.getValue(field);
    if (!(v instanceof String s)) {
      error(field, "must be a string");
      return null;
    }
    if (!plainText(field, s)) {
      return null;
    }
    if (s.isBlank()) {
      error(field, "must not be blank");
      return null;
    }
    if (s.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    if (pattern != null && !pattern.matcher(s).matches()) {
      error(field, patternHint);
      return null;
    }
    return s;
  }

  /**
   * Reports {@code field} and answers false when {@code s} holds what no text field accepts ({@link PlainText});
   * for strings a parser reads itself from an array or an object.
   */
  public boolean plainText(String field, String s) {
    Optional<String> problem = PlainText.problem(s);
    problem.ifPresent(p -> error(field, p));
    return problem.isEmpty();
  }

  public Double optionalNumber(String field, double min, double max) {
    if (!has(field)) {
      return null;
    }
    Object v = json.getValue(field);
    if (!(v instanceof Number n)) {
      error(field, "must be a number");
      return null;
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d) || d < min || d > max) {
      error(field, "must be a number between " + fmt(min) + " and " + fmt(max));
      return null;
    }
    return d;
  }

  public Integer optionalInt(String field, int min, int max) {
    if (!has(field)) {
      return null;
    }
    Object v = json.getValue(field);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      error(field, "must be a whole number");
      return null;
    }
    long l = n.longValue();
    if (l < min || l > max) {
      error(field, "must be between " + min + " and " + max);
      return null;
    }
    return (int) l;
  }

  public Boolean optionalBoolean(String field) {
    if (!has(field)) {
      return null;
    }
    Object v = json.getValue(field);
    if (!(v instanceof Boolean b)) {
      error(field, "must be true or false");
      return null;
    }
    return b;
  }

  public JsonObject optionalObject(String field) {
    if (!has(field)) {
      return null;
    }
    Object v = json.getValue(field);
    if (!(v instanceof JsonObject o)) {
      error(field, "must be an object");
      return null;
    }
    return o;
  }

  public JsonArray optionalArray(String field, int maxItems) {
    if (!has(field)) {
      return null;
    }
    Object v = json.getValue(field);
    if (!(v instanceof JsonArray a)) {
      error(field, "must be an array");
      return null;
    }
    if (a.size() > maxItems) {
      error(field, "must have at most " + maxItems + " items");
      return null;
    }
    return a;
  }

  /** A map of names to finite numbers, such as a model's metrics. */
  public Map<String, Double> numberMap(String field, boolean required, int maxEntries, Pattern keyPattern,
      String keyHint) {
    if (!has(field)) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    JsonObject o = optionalObject(field);
    if (o == null) {
      return null;
    }
    if (o.size() > maxEntries) {
      error(field, "must have at most " + maxEntries + " entries");
      return null;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    boolean ok = true;
    for (String key : o.fieldNames()) {
      Object v = o.getValue(key);
      if (!keyPattern.matcher(key).matches()) {
        error(field + "." + key, keyHint);
        ok = false;
      } else if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        error(field + "." + key, "must be a number");
        ok = false;
      } else {
        out.put(key, n.doubleValue());
      }
    }
    return ok ? out : null;
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw Refusal.invalidFields(errors);
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
