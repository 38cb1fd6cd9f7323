package dev.modelgate.workflow.outbound;

import com.mongodb.client.MongoCollection;
import dev.modelgate.store.Ids;
import dev.modelgate.notify.webhook.WebhookTargets;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.settings.TeamSettings;
import dev.modelgate.workflow.settings.TeamSettingsService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final WebhookTargets targets;

  public SignedWebhookCall(TeamSettingsService settings, Store store, Clock clock, int attempts,
      Duration firstBackoff, WebhookTargets targets) {
    this.targets = targets;
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
    java.util.Optional<String> refused = targets.refusal(URI.create(s.webhookUrl()));
    if (refused.isPresent()) {
      log(deliveryId, team, event, s.webhookUrl(), 1, null, refused.get(), 0);
      throw new Failure("webhook " + event + " not sent: " + refused.get());
    }
    String lastError = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long started = System.nanoTime();
      Integer status = null;
      String error = null;
      try {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(s.webhookUrl())).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").header("X-ModelGate-Event", event)
            .header("X-ModelGate-Delivery", deliveryId)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (signature != null) {
          req.header(SIGNATURE_HEADER, signature);
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        if (status / 100 != 2) {
          error = "HTTP " + status;
        }
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
