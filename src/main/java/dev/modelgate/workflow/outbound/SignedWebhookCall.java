package dev.modelgate.workflow.outbound;

import com.mongodb.client.MongoCollection;
import dev.modelgate.store.Ids;
import dev.modelgate.notify.webhook.PinnedHttp;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.settings.TeamSettings;
import dev.modelgate.workflow.settings.TeamSettingsService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * Posts an event to the team's webhook: JSON body signed with HMAC-SHA256 of the team's secret
 * ({@code X-ModelGate-Signature: sha256=<hex>}), a few attempts with exponential back-off, and every
 * attempt in the {@code webhook_deliveries} log.
 */
public final class SignedWebhookCall implements OutboundCall {

  public static final String SIGNATURE_HEADER = "X-ModelGate-Signature";

  private final TeamSettingsService settings;
  private final MongoCollection<Document> deliveries;
  private final Clock clock;
  private final int attempts;
  private final Duration firstBackoff;
  /** Connects only to the address the targets rule vetted (no second DNS lookup), never follows redirects. */
  private final PinnedHttp http;

  public SignedWebhookCall(TeamSettingsService settings, Store store, Clock clock, int attempts,
      Duration firstBackoff, PinnedHttp http) {
    this.http = http;
    this.settings = settings;
    this.deliveries = store.collection("webhook_deliveries");
    this.clock = clock;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
  }

  @Override
  public Result call(String team, String event, Map<String, Object> payload) throws Failure {
    TeamSettings s = settings.settings(team);
    if (!s.hasWebhook()) {
      return new Result(false, 0, null, "no webhook configured for team '" + team + "': step completed without a call");
    }
    String deliveryId = Ids.newId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("team", team);
    body.put("deliveryId", deliveryId);
    body.put("sentAt", Instant.now(clock).toString());
    body.put("data", payload);
    String json = new JsonObject(body).encode();
    String signature = s.webhookSecret() == null ? null : "sha256=" + hmac(s.webhookSecret(), json);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-ModelGate-Event", event);
    headers.put("X-ModelGate-Delivery", deliveryId);
    if (signature != null) {
      headers.put(SIGNATURE_HEADER, signature);
    }
    String lastError = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long started = System.nanoTime();
      Integer status = null;
      String error = null;
      try {
        PinnedHttp.Response r = http.post(URI.create(s.webhookUrl()), headers, json, Duration.ofSeconds(10));
        status = r.status();
        if (status / 100 != 2) {
          error = "HTTP " + status;
        }
      } catch (PinnedHttp.Refused e) {
        // Checked before every attempt (the name is resolved again each time), never retried past a refusal.
        log(deliveryId, team, event, s.webhookUrl(), attempt, null, e.getMessage(), 0);
        throw new Failure("webhook " + event + " not sent: " + e.getMessage());
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure("interrupted while calling the webhook");
      }
      log(deliveryId, team, event, s.webhookUrl(), attempt, status, error, (System.nanoTime() - started) / 1_000_000);
      if (error == null) {
        return new Result(true, attempt, status, "webhook " + event + " delivered (HTTP " + status + ", attempt "
            + attempt + ")");
      }
      lastError = error;
      if (attempt < attempts) {
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
    throw new Failure("webhook " + event + " failed after " + attempts + " attempts: " + lastError);
  }

  private void log(String deliveryId, String team, String event, String url, int attempt, Integer status,
      String error, long millis) {
    deliveries.insertOne(new Document("_id", Ids.newId()).append("deliveryId", deliveryId).append("team", team)
        .append("event", event).append("url", url).append("attempt", attempt).append("status", status)
        .append("error", error).append("durationMs", millis).append("at", Date.from(Instant.now(clock))));
  }

  private static void sleep(Duration d) throws Failure {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted during back-off");
    }
  }

  /** Hex HMAC-SHA256 of {@code body} under {@code secret}: what receivers recompute to verify. */
  public static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
