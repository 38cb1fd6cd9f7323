package dev.modelgate.workflow.settings;

import dev.modelgate.access.TeamMembers;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.notify.webhook.WebhookTargets;
import dev.modelgate.registry.Registry;
import dev.modelgate.workflow.settings.api.SettingsRoutes;
import dev.modelgate.workflow.settings.pages.TeamPages;

/**
 * A team's settings as its lead keeps them: the gate policy the workflows check, rates, the outbound
 * deployment webhook; and the team pages, where the lead also manages members and team webhooks.
 */
public final class TeamSettingsFeature implements Feature {

  private final Registry registry;
  private final TeamSettingsService settings;
  private final TeamMembers members;
  private final TeamWebhooks webhooks;

  public TeamSettingsFeature(Foundation f, Registry registry, WebhookTargets targets, TeamMembers members,
      TeamWebhooks webhooks) {
    this.registry = registry;
    this.members = members;
    this.webhooks = webhooks;
    this.settings = new TeamSettingsService(new TeamSettingsRepository(f.store()), f.auditLog(), targets,
        f.clock());
  }

  public TeamSettingsService settings() {
    return settings;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new SettingsRoutes(settings, registry::teamExists).table());
    new TeamPages(edge.kit(), registry, members, settings, webhooks).mount(edge.pages());
  }
}
