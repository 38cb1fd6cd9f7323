package dev.modelgate.workflow.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a team lead configures for the team's workflows. The values are handed to each workflow as
 * process variables when it starts, so a running workflow keeps the rules it started with.
 *
 * @param canaryMaxRegression largest allowed online regression of the canary vs. production, per metric
 * @param webhookSecret HMAC key for outbound calls; never rendered
 */
public record TeamSettings(String team, GatePolicy gate, int complianceOfficers, Duration reminderInterval,
    Duration canaryWindow, Map<String, Double> canaryMaxRegression, String webhookUrl, String webhookSecret,
    String updatedBy, Instant updatedAt) {

  public static final int DEFAULT_COMPLIANCE_OFFICERS = 1;
  public static final Duration DEFAULT_REMINDER = Duration.ofDays(1);
  public static final Duration DEFAULT_CANARY_WINDOW = Duration.ofHours(1);

  public TeamSettings {
    canaryMaxRegression = Map.copyOf(canaryMaxRegression);
  }

  /** The settings a team has before its lead saved any. */
  public static TeamSettings defaults(String team) {
    return new TeamSettings(team, GatePolicy.EMPTY, DEFAULT_COMPLIANCE_OFFICERS, DEFAULT_REMINDER,
        DEFAULT_CANARY_WINDOW, Map.of(), null, null, null, null);
  }

  public boolean hasWebhook() {
    return webhookUrl != null;
  }
}
