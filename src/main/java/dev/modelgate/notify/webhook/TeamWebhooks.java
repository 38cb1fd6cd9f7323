package dev.modelgate.notify.webhook;

import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.Ids;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Team webhooks: registration by leads, and publishing of team events: each active webhook that wants the
 * event gets a delivery (signed JSON, sent and retried by {@link WebhookDispatcher}).
 */
public final class TeamWebhooks {

  private static final Logger log = LoggerFactory.getLogger(TeamWebhooks.class);
  public static final int MAX_PER_TEAM = 20;

  /** One page of a webhook's delivery log, newest first. */
  public record DeliveryPage(List<Delivery> items, Long next) {}

  private final WebhookRepository hooks;
  private final WebhookDeliveries deliveries;
  private final AuditTrail audit;
  private final WebhookTargets targets;
  private final Clock clock;

  public TeamWebhooks(WebhookRepository hooks, WebhookDeliveries deliveries, AuditTrail audit,
      WebhookTargets targets, Clock clock) {
    this.hooks = hooks;
    this.targets = targets;
    this.deliveries = deliveries;
    this.audit = audit;
    this.clock = clock;
  }

  public void ensureIndexes() {
    deliveries.ensureIndexes();
  }

  /** Stores a webhook whose URL a delivery may call now (the same rule, refused as a 400 at {@code url}). */
  public Webhook create(String team, Principal by, NewWebhook req) {
    targets.requireAllowed("url", req.url());
    if (hooks.list(team).size() >= MAX_PER_TEAM) {
      throw Refusal.conflict("team '" + team + "' already has " + MAX_PER_TEAM + " webhooks");
    }
    Webhook w = new Webhook(Ids.newId(), team, req.url(), req.secret(), req.events(), true, 0, null, null,
        by.username(), Instant.now(clock));
    hooks.add(w);
    // Neither the secret nor the URL's path and query (often a credential, e.g. chat webhooks) are logged.
    audit.record(new AuditEvent(by.username(), "webhook.created", team, "webhook", w.id(),
        Map.of("target", target(w.url()), "events", List.copyOf(w.events()))));
    return w;
  }

  public List<Webhook> list(String team) {
    return hooks.list(team);
  }

  public Webhook get(String team, String id) {
    return hooks.find(team, id).orElseThrow(() -> Refusal.notFound("no webhook '" + id + "' in team '"
        + team + "'"));
  }

  public void delete(String team, String id, Principal by) {
    Optional<Webhook> w = hooks.find(team, id);
    if (w.isEmpty() || !hooks.remove(team, id)) {
      throw Refusal.notFound("no webhook '" + id + "' in team '" + team + "'");
    }
    audit.record(new AuditEvent(by.username(), "webhook.deleted", team, "webhook", id, Map.of("target", target(w.get().url()))));
  }

  /** Scheme, host and port of a webhook URL: what the audit log may say about where it points. */
  static String target(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  /** A lead switches a webhook off: no new deliveries are queued for it until it is enabled again. */
  public Webhook disable(String team, String id, Principal by) {
    Webhook w = get(team, id);
    if (w.active()) {
      hooks.disable(team, id, Instant.now(clock), "disabled by " + by.username());
      audit.record(new AuditEvent(by.username(), "webhook.disabled", team, "webhook", id,
          Map.of("target", target(w.url()))));
    }
    return get(team, id);
  }

  /** Switches a webhook back on (after a lead's disable, or after repeated failures), failures reset. */
  public Webhook enable(String team, String id, Principal by) {
    Webhook w = get(team, id);
    if (!hooks.enable(team, id)) {
      throw Refusal.notFound("no webhook '" + id + "' in team '" + team + "'");
    }
    audit.record(new AuditEvent(by.username(), "webhook.enabled", team, "webhook", id,
        Map.of("target", target(w.url()))));
    return get(team, id);
  }

  public DeliveryPage deliveries(String team, String id, Optional<String> after) {
    get(team, id);
    long count = deliveries.count(id);
    if (count == 0) {
      return new DeliveryPage(List.of(), null);
    }
    long last = deliveries.pageOf(count);
    long page = last;
    if (after.isPresent()) {
      try {
        page = Long.parseLong(after.get());
      } catch (NumberFormatException e) {
        page = -1;
      }
      if (page < 0 || page > last) {
        throw Refusal.invalid("after", "must be the 'next' value of a previous page");
      }
    }
    return new DeliveryPage(deliveries.page(id, page), page > 0 ? page - 1 : null);
  }

  /**
   * Queues the event for every active webhook of the team that wants it. Never throws: a failure here
   * must not undo the change that caused the event (it is logged).
   */
  public void publish(String team, String event, Map<String, Object> data) {
    if (team == null) {
      return;
    }
    try {
      Instant now = Instant.now(clock);
      for (Webhook w : hooks.list(team)) {
        if (w.active() && w.wants(event)) {
          deliveries.enqueue(team, w.id(), event, pos -> new JsonObject().put("id", w.id() + "-" + pos)
              .put("type", event).put("team", team).put("occurredAt", now.toString())
              .put("data", new JsonObject(data)).encode(), now);
        }
      }
    } catch (RuntimeException e) {
      log.error("could not queue event {} for the webhooks of team {}", event, team, e);
    }
  }
}
