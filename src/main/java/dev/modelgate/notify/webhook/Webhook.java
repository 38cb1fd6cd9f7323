package dev.modelgate.notify.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A team's webhook: where events go, the shared secret that signs them (never shown again after
 * creation), which events it wants ({@code *}, an exact type, or a prefix such as {@code notification.*};
 * empty = all), and its health: consecutive failed attempts and when it was disabled for them.
 */
public record Webhook(String id, String team, String url, String secret, List<String> events, boolean active,
    int consecutiveFailures, Instant disabledAt, String disabledReason, String createdBy, Instant createdAt) {

  public boolean wants(String event) {
    if (events.isEmpty()) {
      return true;
    }
    for (String e : events) {
      if (e.equals("*") || e.equals(event) || (e.endsWith(".*") && event.startsWith(e.substring(0, e.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
