package dev.modelgate.notify;

import dev.modelgate.notify.webhook.Delivery;
import dev.modelgate.notify.webhook.Webhook;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON of notifications, webhooks (never with their secret) and deliveries. */
public final class NotifyJson {

  private NotifyJson() {}

  public static JsonObject notification(StoredNotification s) {
    Notification n = s.notification();
    return new JsonObject().put("id", Long.toString(s.seq())).put("kind", n.kind()).put("team", n.team())
        .put("subjectType", n.subjectType()).put("subjectId", n.subjectId()).put("title", n.title())
        .put("link", n.link()).put("createdAt", s.createdAt().toString()).put("read", s.read());
  }

  public static JsonObject webhook(Webhook w) {
    return new JsonObject().put("id", w.id()).put("team", w.team()).put("url", w.url())
        .put("events", new JsonArray(w.events())).put("secretSet", w.secret() != null).put("active", w.active())
        .put("consecutiveFailures", w.consecutiveFailures())
        .put("disabledAt", w.disabledAt() == null ? null : w.disabledAt().toString())
        .put("disabledReason", w.disabledReason()).put("createdBy", w.createdBy())
        .put("createdAt", w.createdAt().toString());
  }

  public static JsonObject delivery(Delivery d) {
    JsonArray attempts = new JsonArray();
    d.attempts().forEach(a -> attempts.add(new JsonObject().put("number", a.number()).put("at", a.at().toString())
        .put("status", a.status()).put("error", a.error()).put("durationMillis", a.durationMillis())));
    return new JsonObject().put("id", d.id()).put("webhookId", d.webhookId()).put("event", d.event())
        .put("state", d.state().id()).put("createdAt", d.createdAt().toString()).put("attempts", attempts);
  }
}
