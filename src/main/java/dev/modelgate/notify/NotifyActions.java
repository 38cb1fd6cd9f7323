package dev.modelgate.notify;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;

/**
 * What people do with notifications (their own: any signed-in caller) and team webhooks, declared once for
 * the notify API routes and the notification and team pages.
 */
public final class NotifyActions {

  public static final Action<Void> READ_NOTIFICATIONS = Action.platform("notifications.read",
      Permission.AUTHENTICATED);
  public static final Action<Void> MARK_READ = Action.platform("notifications.mark-read", Permission.AUTHENTICATED);
  public static final Action<String> MANAGE_WEBHOOKS = Action.team("webhooks.manage", Permission.WEBHOOK_MANAGE);

  private NotifyActions() {}
}
