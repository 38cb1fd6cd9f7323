package dev.modelgate.notify;

import dev.modelgate.notify.webhook.TeamWebhooks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Notifier} of the running server: a notification goes into its recipient's list in the store
 * (from where every replica's SSE streams pick it up) and, as event {@code notification.<kind>}, to the
 * team's webhooks; team events go to the team's webhooks.
 */
public final class StoreNotifier implements Notifier {

  private final NotificationInbox inbox;
  private final TeamWebhooks webhooks;

  public StoreNotifier(NotificationInbox inbox, TeamWebhooks webhooks) {
    this.inbox = inbox;
    this.webhooks = webhooks;
  }

  @Override
  public void notify(Notification n) {
    StoredNotification stored = inbox.append(n);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("recipient", n.recipient());
    data.put("kind", n.kind());
    data.put("subjectType", n.subjectType());
    data.put("subjectId", n.subjectId());
    data.put("title", n.title());
    data.put("link", n.link());
    data.put("createdAt", stored.createdAt().toString());
    webhooks.publish(n.team(), "notification." + n.kind(), data);
  }

  @Override
  public void teamEvent(String team, String type, Map<String, Object> payload) {
    webhooks.publish(team, type, payload);
  }
}
