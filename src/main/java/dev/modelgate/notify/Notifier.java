package dev.modelgate.notify;

/** Delivers notifications to people (their list, live streams) and, as team events, to team webhooks. */
public interface Notifier {

  void notify(Notification notification);

  /** A team-level event (e.g. workflow finished) for the team's webhooks; payload is JSON-able. */
  default void teamEvent(String team, String type, java.util.Map<String, Object> payload) {}

  Notifier NONE = n -> {};
}
