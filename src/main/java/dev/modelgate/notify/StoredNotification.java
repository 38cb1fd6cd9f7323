package dev.modelgate.notify;

import dev.modelgate.access.Principal;
import java.time.Instant;

/** A notification in a person's list: its sequence number there (its id), when it arrived, whether read. */
public record StoredNotification(long seq, Notification notification, Instant createdAt, boolean read) {

  /**
   * Whether {@code who} is shown this notification now. One about a team (its title names the team's thread,
   * workflow or model) is for the team's members as they are now, and the admin: a person since removed from
   * the team, or an API token scoped to another team, does not read it, as they would not read its subject.
   */
  public boolean visibleTo(Principal who) {
    String team = notification.team();
    return team == null || who.admin() || who.isMemberOf(team);
  }
}
