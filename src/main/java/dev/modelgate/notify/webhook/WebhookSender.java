package dev.modelgate.notify.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one signed JSON POST to a webhook URL and reports what happened; it never throws for a failed
 * delivery and never retries (callers decide: {@link WebhookDispatcher} retries team webhooks from the
 * store, a workflow step may use its job retries). Blocking: call it on a virtual thread.
 */
public final class WebhookSender {

  /** What to send: the delivery id (the receiver's idempotency key), the event type and the JSON body. */
  public record Message(String deliveryId, String event, String body) {}

  /** The result of one attempt: 2xx is success; otherwise the status (0 without a response) and why. */
  public record Outcome(boolean success, int status, String error, Instant at, long durationMillis) {}

  private final PinnedHttp http;
  private final Clock clock;
  private final Duration timeout;

  /** {@code http} connects only to addresses its {@link WebhookTargets} vetted, and never follows redirects. */
  public WebhookSender(PinnedHttp http, Clock clock, Duration timeout) {
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
  }

  public Outcome send(URI url, String secret, Message message) {
    Instant at = Instant.now(clock);
    long started = System.nanoTime();
    long timestamp = at.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "ModelGate-Webhook/1");
    headers.put(WebhookSignature.EVENT_HEADER, message.event());
    headers.put(WebhookSignature.DELIVERY_HEADER, message.deliveryId());
    headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, message.body()));
    try {
      PinnedHttp.Response response = http.post(url, headers, message.body(), timeout);
      long ms = (System.nanoTime() - started) / 1_000_000;
      int status = response.status();
      boolean ok = status >= 200 && status < 300;
      return new Outcome(ok, status, ok ? null : "HTTP " + status, at, ms);
    } catch (PinnedHttp.Refused e) {
      return new Outcome(false, 0, e.getMessage(), at, 0);
    } catch (HttpTimeoutException e) {
      return new Outcome(false, 0, "timed out after " + timeout.toMillis() + " ms", at, elapsed(started));
    } catch (IOException e) {
      return new Outcome(false, 0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), at,
          elapsed(started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, 0, "interrupted", at, elapsed(started));
    }
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
