package dev.modelgate.workflow.settings;

import dev.modelgate.json.JsonFields;
import dev.modelgate.notify.webhook.WebhookTargets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PUT of a team's settings: the whole document. The webhook secret may be omitted to keep the one
 * already stored (clients never see it, so they cannot send it back).
 */
public record SettingsRequest(GatePolicy gate, int complianceOfficers, Duration reminderInterval,
    Duration canaryWindow, Map<String, Double> canaryMaxRegression, String webhookUrl, String webhookSecret) {

  static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");
  static final String METRIC_HINT = "metric names must be 1-100 letters, digits, '_' or '-', starting with a letter";
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  static final Duration MAX_INTERVAL = Duration.ofDays(90);
  static final int MAX_OFFICERS = 10;
  static final int MAX_ENTRIES = 100;

  public static SettingsRequest parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("gate", "complianceOfficers", "reminderInterval", "canaryWindow",
        "canaryMaxRegression", "webhook"));
    GatePolicy gate = gate(f);
    Integer officers = f.optionalInt("complianceOfficers", 1, MAX_OFFICERS);
    Duration reminder = duration(f, "reminderInterval", TeamSettings.DEFAULT_REMINDER);
    Duration window = duration(f, "canaryWindow", TeamSettings.DEFAULT_CANARY_WINDOW);
    Map<String, Double> canary = nonNegativeMap(f, "canaryMaxRegression");
    String url = null;
    String secret = null;
    JsonObject webhook = f.optionalObject("webhook");
    if (webhook != null) {
      JsonFields w = f.nested("webhook", webhook, Set.of("url", "secret"));
      url = w.requiredString("url", 2000, null, null);
      if (url != null) {
        try {
          WebhookTargets.parse(url);
        } catch (IllegalArgumentException e) {
          w.error("url", e.getMessage());
        }
      }
      secret = w.optionalString("secret", 500, null, null);
      if (secret != null && secret.length() < 16) {
        w.error("secret", "must be at least 16 characters");
      }
    }
    f.throwIfInvalid();
    return new SettingsRequest(gate, officers == null ? TeamSettings.DEFAULT_COMPLIANCE_OFFICERS : officers,
        reminder, window, canary, url, secret);
  }

  private static GatePolicy gate(JsonFields f) {
    JsonObject o = f.optionalObject("gate");
    if (o == null) {
      return GatePolicy.EMPTY;
    }
    JsonFields g = f.nested("gate", o, Set.of("minimums", "maximums", "maxRegression", "maxSegmentRegression",
        "fairness", "requiredSegments", "lowerIsBetter"));
    Map<String, Double> minimums = map(g, "minimums", false);
    Map<String, Double> maximums = map(g, "maximums", false);
    Map<String, Double> regression = map(g, "maxRegression", true);
    Map<String, Double> segmentRegression = map(g, "maxSegmentRegression", true);
    GatePolicy.Fairness fairness = null;
    JsonObject fo = g.optionalObject("fairness");
    if (fo != null) {
      JsonFields fr = g.nested("fairness", fo, Set.of("metric", "maxGap"));
      String metric = fr.requiredString("metric", 100, METRIC, METRIC_HINT);
      Double gap = fr.optionalNumber("maxGap", 0, 1e12);
      if (!fr.has("maxGap")) {
        fr.error("maxGap", "is required");
      }
      if (metric != null && gap != null) {
        fairness = new GatePolicy.Fairness(metric, gap);
      }
    }
    List<String> required = strings(g, "requiredSegments", 200, null, null);
    List<String> lower = strings(g, "lowerIsBetter", 100, METRIC, METRIC_HINT);
    return new GatePolicy(nz(minimums), nz(maximums), nz(regression), nz(segmentRegression), fairness,
        required, new LinkedHashSet<>(lower));
  }

  private static Map<String, Double> nz(Map<String, Double> m) {
    return m == null ? Map.of() : m;
  }

  private static Map<String, Double> map(JsonFields f, String field, boolean nonNegative) {
    Map<String, Double> m = f.numberMap(field, false, MAX_ENTRIES, METRIC, METRIC_HINT);
    if (m != null && nonNegative) {
      for (Map.Entry<String, Double> e : m.entrySet()) {
        if (e.getValue() < 0) {
          f.error(field + "." + e.getKey(), "must not be negative");
        }
      }
    }
    return m == null ? Map.of() : new LinkedHashMap<>(m);
  }

  private static Map<String, Double> nonNegativeMap(JsonFields f, String field) {
    return map(f, field, true);
  }

  private static List<String> strings(JsonFields f, String field, int maxLength, Pattern pattern, String hint) {
    JsonArray a = f.optionalArray(field, MAX_ENTRIES);
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      Object v = a.getValue(i);
      String at = field + "[" + i + "]";
      if (!(v instanceof String s) || s.isBlank() || s.length() > maxLength) {
        f.error(at, "must be a non-blank string of at most " + maxLength + " characters");
      } else if (!f.plainText(at, s)) {
        continue;
      } else if (pattern != null && !pattern.matcher(s).matches()) {
        f.error(at, hint);
      } else if (out.contains(s)) {
        f.error(at, "duplicate '" + s + "'");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Duration duration(JsonFields f, String field, Duration fallback) {
    String s = f.optionalString(field, 40, null, null);
    if (s == null) {
      return fallback;
    }
    try {
      Duration d = Duration.parse(s);
      if (d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
        f.error(field, "must be between PT1M and P90D");
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      f.error(field, "must be an ISO 8601 duration such as PT4H or P1D");
      return null;
    }
  }
}
