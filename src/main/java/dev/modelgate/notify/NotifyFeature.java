package dev.modelgate.notify;

import dev.modelgate.feature.Background;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.notify.api.NotifyRoutes;
import dev.modelgate.notify.pages.NotificationPages;
import dev.modelgate.notify.webhook.PinnedHttp;
import dev.modelgate.notify.webhook.RetryPolicy;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.notify.webhook.WebhookDeliveries;
import dev.modelgate.notify.webhook.WebhookDispatcher;
import dev.modelgate.notify.webhook.WebhookRepository;
import dev.modelgate.notify.webhook.WebhookSender;
import dev.modelgate.notify.webhook.WebhookTargets;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telling people and systems: each person's notification inbox with its live stream (SSE), and team
 * webhooks with their background sender. Other features notify through {@link #notifier()}.
 */
public final class NotifyFeature implements Feature {

  private static final Logger log = LoggerFactory.getLogger(NotifyFeature.class);

  private final NotificationInbox inbox;
  private final TeamWebhooks webhooks;
  private final Notifier notifier;
  private final NotificationStream stream;
  private final WebhookDispatcher dispatcher;
  private final Predicate<String> teamExists;

  /**
   * {@code http} connects only to the address {@code targets} vetted (no second DNS lookup: no rebinding);
   * registration and delivery share the rule.
   */
  public NotifyFeature(Foundation f, Predicate<String> teamExists, WebhookTargets targets, PinnedHttp http) {
    var clock = f.clock();
    var n = f.config().notifications();
    this.teamExists = teamExists;
    this.inbox = new NotificationInbox(f.store(), clock);
    inbox.ensureIndexes();
    WebhookRepository webhookRepository = new WebhookRepository(f.store());
    WebhookDeliveries webhookDeliveries = new WebhookDeliveries(f.store());
    this.webhooks = new TeamWebhooks(webhookRepository, webhookDeliveries, f.auditLog(), targets, clock);
    webhooks.ensureIndexes();
    this.notifier = new StoreNotifier(inbox, webhooks);
    this.stream = new NotificationStream(inbox, n.pollInterval(), n.sseHeartbeat(), Duration.ofSeconds(5));
    f.metrics().gauge("modelgate.sse.streams", stream.openStreams());
    this.dispatcher = new WebhookDispatcher(webhookRepository, webhookDeliveries,
        new WebhookSender(http, clock, Duration.ofSeconds(10)),
        new RetryPolicy(n.webhookBackoff(), n.webhookMaxAttempts(), n.webhookDisableAfter()),
        f.store().durability(), f.auditLog(), clock, n.pollInterval(), Duration.ofSeconds(60));
  }

  public NotificationInbox inbox() {
    return inbox;
  }

  public TeamWebhooks webhooks() {
    return webhooks;
  }

  public Notifier notifier() {
    return notifier;
  }

  @Override
  public void mount(Edge edge) {
    NotifyRoutes routes = new NotifyRoutes(inbox, stream, webhooks, teamExists);
    edge.api().mount(routes.table());
    edge.api().mountStreams(routes.streams());
    new NotificationPages(edge.kit(), inbox).mount(edge.pages());
  }

  @Override
  public void start(Background background) {
    dispatcher.start();
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {dispatcher, stream}) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("{} did not close cleanly: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
