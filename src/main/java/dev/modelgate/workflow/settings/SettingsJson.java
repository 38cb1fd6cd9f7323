package dev.modelgate.workflow.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Team settings as JSON; the webhook secret is only ever reported as set or not. */
public final class SettingsJson {

  private SettingsJson() {}

  public static JsonObject settings(TeamSettings s) {
    JsonObject webhook = s.webhookUrl() == null ? null
        : new JsonObject().put("url", s.webhookUrl()).put("secretSet", s.webhookSecret() != null);
    return new JsonObject().put("team", s.team()).put("gate", gate(s.gate()))
        .put("complianceOfficers", s.complianceOfficers())
        .put("reminderInterval", s.reminderInterval().toString())
        .put("canaryWindow", s.canaryWindow().toString())
        .put("canaryMaxRegression", numbers(s.canaryMaxRegression()))
        .put("webhook", webhook)
        .put("updatedBy", s.updatedBy())
        .put("updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
  }

  public static JsonObject gate(GatePolicy g) {
    return new JsonObject().put("minimums", numbers(g.minimums())).put("maximums", numbers(g.maximums()))
        .put("maxRegression", numbers(g.maxRegression()))
        .put("maxSegmentRegression", numbers(g.maxSegmentRegression()))
        .put("fairness", g.fairness() == null ? null
            : new JsonObject().put("metric", g.fairness().metric()).put("maxGap", g.fairness().maxGap()))
        .put("requiredSegments", new JsonArray(g.requiredSegments()))
        .put("lowerIsBetter", new JsonArray(g.lowerIsBetter().stream().sorted().toList()));
  }

  private static JsonObject numbers(Map<String, Double> m) {
    return new JsonObject(new LinkedHashMap<>(m));
  }
}
