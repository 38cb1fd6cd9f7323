package dev.modelgate.workflow.settings;

import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.notify.webhook.WebhookTargets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Reads and saves a team's workflow settings; a team without saved settings gets the defaults. */
public final class TeamSettingsService {

  private final TeamSettingsRepository repository;
  private final AuditTrail audit;
  private final WebhookTargets webhookTargets;
  private final Clock clock;

  public TeamSettingsService(TeamSettingsRepository repository, AuditTrail audit, WebhookTargets webhookTargets,
      Clock clock) {
    this.repository = repository;
    this.audit = audit;
    this.webhookTargets = webhookTargets;
    this.clock = clock;
  }

  public TeamSettings settings(String team) {
    return repository.find(team).orElseGet(() -> TeamSettings.defaults(team));
  }

  /** Saves the whole document; a webhook URL a delivery would refuse is refused here (400 at webhook.url). */
  public TeamSettings save(String team, Principal by, SettingsRequest req) {
    if (req.webhookUrl() != null) {
      webhookTargets.requireAllowed("webhook.url", req.webhookUrl());
    }
    TeamSettings current = settings(team);
    String secret = req.webhookUrl() == null ? null
        : req.webhookSecret() != null ? req.webhookSecret() : current.webhookSecret();
    TeamSettings saved = new TeamSettings(team, req.gate(), req.complianceOfficers(), req.reminderInterval(),
        req.canaryWindow(), req.canaryMaxRegression(), req.webhookUrl(), secret, by.username(), Instant.now(clock));
    repository.save(saved);
    audit.record(new AuditEvent(by.username(), "team.settings.updated", team, "team", team,
        Map.of("webhookConfigured", saved.hasWebhook(), "complianceOfficers", saved.complianceOfficers())));
    return saved;
  }
}
