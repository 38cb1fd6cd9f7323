package dev.modelgate.workflow.pages;

import dev.modelgate.kernel.Refusal;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Metrics typed into a form, one {@code name=value} per line, as the JSON object the feature services
 * parse (and validate: names, count, numbers). Only the line syntax is checked here.
 */
public final class MetricLines {

  private MetricLines() {}

  static Optional<JsonObject> parse(String field, Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    JsonObject out = new JsonObject();
    int n = 0;
    for (String raw : text.get().split("\\R")) {
      String line = raw.strip();
      n++;
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw Refusal.invalid(field, "line " + n + ": write name=value, e.g. auc=0.81");
      }
      String name = line.substring(0, eq).strip();
      try {
        out.put(name, Double.parseDouble(line.substring(eq + 1).strip()));
      } catch (NumberFormatException e) {
        throw Refusal.invalid(field, "line " + n + ": '" + line.substring(eq + 1).strip()
            + "' is not a number");
      }
    }
    return Optional.of(out);
  }
}
