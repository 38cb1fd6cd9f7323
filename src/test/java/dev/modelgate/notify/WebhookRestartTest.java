package dev.modelgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A delivery that is still being retried when the server stops is sent after it starts again. */
class WebhookRestartTest {

  static TestServer server;
  static Vertx vertx;
  static HttpServer receiver;
  static final AtomicBoolean receiverUp = new AtomicBoolean(false);

  @BeforeAll
  static void start() throws Exception {
    // A real (short) back-off here: the retry must fall after the restart.
    server = TestServer.start(Map.of("MODELGATE_NOTIFY_POLL_MS", "50", "MODELGATE_WEBHOOK_BACKOFF_MS", "1500",
        "MODELGATE_WEBHOOK_MAX_ATTEMPTS", "10", "MODELGATE_WEBHOOK_DISABLE_AFTER", "10"));
    vertx = Vertx.vertx();
    receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
        req.response().setStatusCode(receiverUp.get() ? 200 : 503).end()))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @Test
  void pendingDeliveriesSurviveARestart() throws Exception {
    server.createTeam("restart");
    ApiClient lead = server.createUser("rita", "restart", List.of("lead"));
    server.createUser("ralf", "restart", List.of("viewer"));
    String project = lead.post("/teams/restart/projects", new JsonObject().put("slug", "rp").put("name", "R")).json()
        .getString("id");
    ApiResponse hook = lead.post("/teams/restart/webhooks", new JsonObject()
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("secret", "restart-secret-123456"));
    assertEquals(201, hook.status(), hook::toString);
    String hookId = hook.json().getString("id");
    String thread = lead.post("/threads?subject=project:" + project, new JsonObject().put("title", "R")).json()
        .getString("id");
    assertEquals(201, lead.post("/threads/" + thread + "/comments", new JsonObject().put("text", "@ralf"))
        .status());
    String log = "/teams/restart/webhooks/" + hookId + "/deliveries";
    await("a first failed attempt", () -> {
      JsonArray items = lead.get(log).items();
      return items.size() == 1 && !items.getJsonObject(0).getJsonArray("attempts").isEmpty() ? items : null;
    });

    server.restart();
    Instant restarted = Instant.now();
    receiverUp.set(true);
    ApiClient again = server.as("rita");
    JsonObject delivered = await("delivery after the restart", () -> {
      JsonObject d = again.get(log).items().getJsonObject(0);
      return d.getString("state").equals("delivered") ? d : null;
    });
    JsonArray attempts = delivered.getJsonArray("attempts");
    assertTrue(attempts.size() >= 2, delivered::toString);
    JsonObject last = attempts.getJsonObject(attempts.size() - 1);
    assertEquals(200, last.getInteger("status"));
    assertTrue(Instant.parse(last.getString("at")).isAfter(restarted.minusMillis(1)), delivered::toString);
  }
}
