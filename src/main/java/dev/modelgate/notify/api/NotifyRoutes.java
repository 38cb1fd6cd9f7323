package dev.modelgate.notify.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.notify.NotificationInbox;
import dev.modelgate.notify.NotificationStream;
import dev.modelgate.notify.NotifyActions;
import dev.modelgate.notify.NotifyJson;
import dev.modelgate.notify.StoredNotification;
import dev.modelgate.notify.webhook.NewWebhook;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.notify.webhook.Webhook;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.Reply;
import dev.modelgate.web.StreamRoute;
import dev.modelgate.web.TeamScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;

/** The caller's notifications (list, read marks, live stream) and the teams' webhooks (leads). */
public final class NotifyRoutes {

  private final NotificationInbox inbox;
  private final NotificationStream stream;
  private final TeamWebhooks webhooks;
  private final Predicate<String> teamExists;

  public NotifyRoutes(NotificationInbox inbox, NotificationStream stream, TeamWebhooks webhooks,
      Predicate<String> teamExists) {
    this.inbox = inbox;
    this.stream = stream;
    this.webhooks = webhooks;
    this.teamExists = teamExists;
  }

  public List<ApiRoute> table() {
    var read = NotifyActions.READ_NOTIFICATIONS;
    var mark = NotifyActions.MARK_READ;
    var hooks = NotifyActions.MANAGE_WEBHOOKS;
    return List.of(
        ApiRoute.of(GET, "/notifications", read, NONE, this::list),
        ApiRoute.of(POST, "/notifications/:id/read", mark, NONE, this::markRead),
        ApiRoute.of(POST, "/notifications/read-all", mark, NONE, this::markAllRead),
        ApiRoute.of(POST, "/teams/:team/webhooks", hooks, "team", JSON, this::createWebhook),
        ApiRoute.of(GET, "/teams/:team/webhooks", hooks, "team", NONE, this::listWebhooks),
        ApiRoute.of(GET, "/teams/:team/webhooks/:id", hooks, "team", NONE, this::getWebhook),
        ApiRoute.of(DELETE, "/teams/:team/webhooks/:id", hooks, "team", NONE, this::deleteWebhook),
        ApiRoute.of(GET, "/teams/:team/webhooks/:id/deliveries", hooks, "team", NONE, this::deliveries),
        ApiRoute.of(POST, "/teams/:team/webhooks/:id/disable", hooks, "team", NONE, this::disableWebhook),
        ApiRoute.of(POST, "/teams/:team/webhooks/:id/enable", hooks, "team", NONE, this::enableWebhook));
  }

  public List<StreamRoute> streams() {
    return List.of(new StreamRoute("/notifications/stream", NotifyActions.READ_NOTIFICATIONS.permission(),
        TeamScope.platform(), stream::stream));
  }

  private Reply list(ApiCall call) {
    String user = call.principal().username();
    NotificationInbox.Counters counters = inbox.counters(user);
    JsonArray items = new JsonArray();
    Long next = null;
    if (counters.latest() > 0) {
      long last = inbox.pageOf(counters.latest());
      long page = last;
      if (call.query("after").isPresent()) {
        try {
          page = Long.parseLong(call.query("after").get());
        } catch (NumberFormatException e) {
          page = -1;
        }
        if (page < 0 || page > last) {
          throw Refusal.invalid("after", "must be the 'next' value of a previous page");
        }
      }
      inbox.page(user, page, counters).reversed().stream().filter(n -> n.visibleTo(call.principal()))
          .forEach(n -> items.add(NotifyJson.notification(n)));
      next = page > 0 ? page - 1 : null;
    }
    return Reply.ok(new JsonObject().put("items", items).put("next", next == null ? null : next.toString())
        .put("unreadCount", counters.unread()).put("latestId", Long.toString(counters.latest())));
  }

  private Reply markRead(ApiCall call) {
    long seq;
    try {
      seq = Long.parseLong(call.path("id"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("no notification '" + call.path("id") + "'");
    }
    StoredNotification n = inbox.markRead(call.principal(), seq)
        .orElseThrow(() -> Refusal.notFound("no notification '" + call.path("id") + "'"));
    return Reply.ok(NotifyJson.notification(n));
  }

  private Reply markAllRead(ApiCall call) {
    inbox.markAllRead(call.principal().username());
    return Reply.noContent();
  }

  private void requireTeam(String team) {
    if (!teamExists.test(team)) {
      throw Refusal.notFound("no team '" + team + "'");
    }
  }

  private Reply createWebhook(ApiCall call) {
    requireTeam(call.team());
    Webhook w = webhooks.create(call.team(), call.principal(), NewWebhook.parse(call.body()));
    return Reply.created(NotifyJson.webhook(w), "/api/v1/teams/" + w.team() + "/webhooks/" + w.id());
  }

  private Reply listWebhooks(ApiCall call) {
    requireTeam(call.team());
    JsonArray items = new JsonArray();
    webhooks.list(call.team()).forEach(w -> items.add(NotifyJson.webhook(w)));
    return Reply.ok(new JsonObject().put("items", items).put("next", null));
  }

  private Reply getWebhook(ApiCall call) {
    return Reply.ok(NotifyJson.webhook(webhooks.get(call.team(), call.path("id"))));
  }

  private Reply deleteWebhook(ApiCall call) {
    webhooks.delete(call.team(), call.path("id"), call.principal());
    return Reply.noContent();
  }

  private Reply disableWebhook(ApiCall call) {
    return Reply.ok(NotifyJson.webhook(webhooks.disable(call.team(), call.path("id"), call.principal())));
  }

  private Reply enableWebhook(ApiCall call) {
    return Reply.ok(NotifyJson.webhook(webhooks.enable(call.team(), call.path("id"), call.principal())));
  }

  private Reply deliveries(ApiCall call) {
    TeamWebhooks.DeliveryPage page = webhooks.deliveries(call.team(), call.path("id"), call.query("after"));
    JsonArray items = new JsonArray();
    page.items().forEach(d -> items.add(NotifyJson.delivery(d)));
    return Reply.ok(new JsonObject().put("items", items)
        .put("next", page.next() == null ? null : page.next().toString()));
  }
}
