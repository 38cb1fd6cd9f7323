package dev.modelgate.notify.webhook;

import java.time.Instant;
import java.util.List;

/** One event sent (or being sent) to one webhook, with every attempt, as shown in the delivery log. */
public record Delivery(String id, String webhookId, String event, State state, Instant createdAt,
    List<Attempt> attempts) {

  public enum State {
    PENDING, DELIVERED, FAILED, ABANDONED;

    public String id() {
      return name().toLowerCase();
    }
  }

  /** One attempt: when, the HTTP status (0 without a response), the error, and how long it took. */
  public record Attempt(int number, Instant at, int status, String error, long durationMillis) {}
}
