package dev.modelgate.pages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Turns form fields into the JSON bodies the features' request parsers read, so a form is checked by the
 * same rules (and gets the same field errors) as the API. Values are passed on as typed; what does not
 * look like a number stays a string, and the parser names the field.
 */
public final class FormJson {

  private FormJson() {}

  /** Puts the trimmed field when present and not blank. */
  public static void text(JsonObject body, PageCall call, String field) {
    call.field(field).ifPresent(v -> body.put(field, v));
  }

  /** Puts the field as a number when it reads as one, else as the text given. */
  public static void number(JsonObject body, PageCall call, String field) {
    call.field(field).ifPresent(v -> body.put(field, number(v)));
  }

  public static Object number(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(v);
        return Double.isFinite(d) && !v.endsWith("d") && !v.endsWith("f") && !v.endsWith("D") && !v.endsWith("F")
            ? d : v;
      } catch (NumberFormatException e2) {
        return v;
      }
    }
  }

  /** Every value of a repeated field (checkboxes), as an array; absent when none is checked. */
  public static Optional<JsonArray> all(PageCall call, String field) {
    List<String> values = call.form() == null ? List.of() : call.form().getAll(field);
    return values.isEmpty() ? Optional.empty() : Optional.of(new JsonArray(values.stream().map(String::strip).toList()));
  }
}
