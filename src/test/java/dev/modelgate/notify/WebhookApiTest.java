package dev.modelgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.notify.webhook.WebhookSignature;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import dev.modelgate.web.ApiDocs;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.StreamRoute;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Team webhooks against a local receiver (a Vert.x HTTP server in this test): signatures the receiver can
 * verify, retries with back-off recorded in the delivery log, automatic disabling, and who may manage
 * webhooks. The back-off base is set to a few milliseconds so no test waits for real back-off.
 */
class WebhookApiTest {

  static final String SECRET = "a-shared-secret-of-some-length";

  record Received(String path, Map<String, String> headers, String body) {}

  static TestServer server;
  static Vertx vertx;
  static HttpServer receiver;
  static String receiverUrl;
  static final List<Received> received = new CopyOnWriteArrayList<>();
  static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  static ApiClient lead;
  static ApiClient engineer;
  static ApiClient outsider;
  static final Map<String, String> projects = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("MODELGATE_NOTIFY_POLL_MS", "50", "MODELGATE_WEBHOOK_BACKOFF_MS", "20",
        "MODELGATE_WEBHOOK_MAX_ATTEMPTS", "5", "MODELGATE_WEBHOOK_DISABLE_AFTER", "3"));
    vertx = Vertx.vertx();
    receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String path = req.path();
      Map<String, String> headers = new ConcurrentHashMap<>();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      received.add(new Received(path, headers, body.toString()));
      int n = calls.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      int status;
      if (path.startsWith("/flaky")) {
        status = n <= 2 ? 500 : 204;
      } else if (path.startsWith("/dead")) {
        status = 503;
      } else {
        status = 200;
      }
      req.response().setStatusCode(status).end();
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    receiverUrl = "http://127.0.0.1:" + receiver.actualPort();
    for (String team : List.of("hooks-ok", "hooks-flaky", "hooks-dead", "hooks-admin")) {
      server.createTeam(team);
    }
    lead = server.createUser("lee", "hooks-ok", List.of("lead"));
    server.createUser("bob", "hooks-ok", List.of("viewer"));
    engineer = server.createUser("ed", "hooks-ok", List.of("engineer"));
    outsider = server.createUser("olga", "hooks-admin", List.of("lead"));
    for (String team : List.of("hooks-flaky", "hooks-dead")) {
      server.grant("lee", team, List.of("lead"));
      server.grant("bob", team, List.of("viewer"));
    }
    for (String team : List.of("hooks-ok", "hooks-flaky", "hooks-dead")) {
      ApiResponse p = lead.post("/teams/" + team + "/projects", new JsonObject().put("slug", "proj")
          .put("name", "Project"));
      assertEquals(201, p.status(), p::toString);
      projects.put(team, p.json().getString("id"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static JsonObject createHook(String team, String path, JsonArray events) {
    JsonObject body = new JsonObject().put("url", receiverUrl + path).put("secret", SECRET);
    if (events != null) {
      body.put("events", events);
    }
    ApiResponse r = lead.post("/teams/" + team + "/webhooks", body);
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  /** Makes the team publish a notification event: a comment that mentions bob. */
  static void mentionBob(String team) {
    ApiResponse t = lead.post("/threads?subject=project:" + projects.get(team), new JsonObject().put("title", "T"));
    assertEquals(201, t.status(), t::toString);
    ApiResponse c = lead.post("/threads/" + t.json().getString("id") + "/comments",
        new JsonObject().put("text", "@bob see this"));
    assertEquals(201, c.status(), c::toString);
  }

  static JsonArray deliveries(String team, String hook) {
    ApiResponse r = lead.get("/teams/" + team + "/webhooks/" + hook + "/deliveries");
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items");
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
  void deliveriesAreSignedSoTheReceiverCanVerifyThem() throws Exception {
    String hook = createHook("hooks-ok", "/ok", null).getString("id");
    JsonObject filtered = createHook("hooks-ok", "/ok-filtered", new JsonArray().add("workflow.*"));
    mentionBob("hooks-ok");
    Received r = await("a delivery to /ok", () -> received.stream().filter(x -> x.path().equals("/ok")).findFirst()
        .orElse(null));
    String signature = r.headers().get("x-modelgate-signature");
    long timestamp = Long.parseLong(r.headers().get("x-modelgate-timestamp"));
    assertTrue(signature.startsWith("sha256="), signature);
    assertTrue(WebhookSignature.verify(SECRET, timestamp, r.body(), signature), "signature must verify");
    assertFalse(WebhookSignature.verify(SECRET, timestamp + 1, r.body(), signature), "timestamp is signed");
    assertFalse(WebhookSignature.verify(SECRET, timestamp, r.body().replace("bob", "eve"), signature),
        "body is signed");
    assertFalse(WebhookSignature.verify("another-secret-entirely", timestamp, r.body(), signature));
    assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 300, "fresh timestamp");
    JsonObject body = new JsonObject(r.body());
    assertEquals("notification.mention", body.getString("type"));
    assertEquals("notification.mention", r.headers().get("x-modelgate-event"));
    assertEquals(body.getString("id"), r.headers().get("x-modelgate-delivery"));
    assertEquals("hooks-ok", body.getString("team"));
    assertEquals("bob", body.getJsonObject("data").getString("recipient"));
    assertEquals("application/json", r.headers().get("content-type"));
    JsonObject logged = await("delivered state", () -> {
      JsonArray items = deliveries("hooks-ok", hook);
      return items.size() == 1 && items.getJsonObject(0).getString("state").equals("delivered")
          ? items.getJsonObject(0) : null;
    });
    assertEquals(1, logged.getJsonArray("attempts").size());
    assertEquals(200, logged.getJsonArray("attempts").getJsonObject(0).getInteger("status"));
    assertEquals(0, deliveries("hooks-ok", filtered.getString("id")).size(), "events filter applies");
  }

  @Test
  void failedAttemptsAreRetriedAndLogged() throws Exception {
    String hook = createHook("hooks-flaky", "/flaky", new JsonArray().add("notification.*")).getString("id");
    mentionBob("hooks-flaky");
    JsonObject d = await("delivered after retries", () -> {
      JsonArray items = deliveries("hooks-flaky", hook);
      return items.size() == 1 && items.getJsonObject(0).getString("state").equals("delivered")
          ? items.getJsonObject(0) : null;
    });
    JsonArray attempts = d.getJsonArray("attempts");
    assertEquals(3, attempts.size(), d::toString);
    assertEquals(500, attempts.getJsonObject(0).getInteger("status"), d::toString);
    assertEquals("HTTP 500", attempts.getJsonObject(0).getString("error"), d::toString);
    assertEquals(500, attempts.getJsonObject(1).getInteger("status"), d::toString);
    assertEquals(204, attempts.getJsonObject(2).getInteger("status"), d::toString);
    assertEquals(List.of(1, 2, 3), attempts.stream().map(a -> ((JsonObject) a).getInteger("number")).toList());
    List<Received> sent = received.stream().filter(x -> x.path().equals("/flaky")).toList();
    assertEquals(3, sent.size());
    assertEquals(1, sent.stream().map(x -> x.headers().get("x-modelgate-delivery")).distinct().count(),
        "every retry carries the same delivery id");
    sent.forEach(x -> assertTrue(WebhookSignature.verify(SECRET,
        Long.parseLong(x.headers().get("x-modelgate-timestamp")), x.body(), x.headers().get("x-modelgate-signature"))));
    JsonObject w = lead.get("/teams/hooks-flaky/webhooks/" + hook).json();
    assertTrue(w.getBoolean("active"));
    assertEquals(0, w.getInteger("consecutiveFailures"), "a success resets the failure count");
  }

  @Test
  void aWebhookIsDisabledAfterRepeatedFailures() throws Exception {
    String hook = createHook("hooks-dead", "/dead", null).getString("id");
    mentionBob("hooks-dead");
    JsonObject w = await("webhook disabled", () -> {
      JsonObject h = lead.get("/teams/hooks-dead/webhooks/" + hook).json();
      return h.getBoolean("active") ? null : h;
    });
    assertNotNull(w.getString("disabledAt"));
    assertTrue(w.getString("disabledReason").contains("3 consecutive failed attempts"), w::toString);
    JsonObject audited = await("webhook.disabled audited", () -> {
      JsonArray found = lead.get("/audit?team=hooks-dead&action=webhook.disabled&subject=webhook:" + hook).items();
      return found.isEmpty() ? null : found.getJsonObject(0);
    });
    assertEquals("system", audited.getString("actor"));
    JsonArray items = deliveries("hooks-dead", hook);
    assertEquals(1, items.size());
    assertEquals("abandoned", items.getJsonObject(0).getString("state"));
    assertEquals(3, items.getJsonObject(0).getJsonArray("attempts").size());
    assertEquals(3, calls.get("/dead").get());
    mentionBob("hooks-dead");
    assertEquals(1, deliveries("hooks-dead", hook).size(), "a disabled webhook gets no new deliveries");
  }

  @Test
  void onlyHttpUrlsAndRealSecretsAreAcceptedAndTheSecretIsNeverReturned() {
    for (String url : List.of("ftp://example.org/x", "javascript:alert(1)", "file:///etc/passwd", "not a url",
        "http://user:pw@example.org/", "/relative")) {
      ApiResponse r = lead.post("/teams/hooks-ok/webhooks", new JsonObject().put("url", url).put("secret", SECRET));
      assertEquals(400, r.status(), url + " -> " + r);
      assertEquals("url", r.json().getString("field"), r::toString);
    }
    ApiResponse shortSecret = lead.post("/teams/hooks-ok/webhooks",
        new JsonObject().put("url", receiverUrl + "/x").put("secret", "short"));
    assertEquals(400, shortSecret.status());
    assertEquals("secret", shortSecret.json().getString("field"));
    ApiResponse badEvent = lead.post("/teams/hooks-ok/webhooks", new JsonObject().put("url", receiverUrl + "/x")
        .put("secret", SECRET).put("events", new JsonArray().add("Bad Event!")));
    assertEquals(400, badEvent.status());
    ApiResponse created = lead.post("/teams/hooks-ok/webhooks",
        new JsonObject().put("url", receiverUrl + "/secret-check").put("secret", SECRET));
    assertEquals(201, created.status());
    assertFalse(created.body().contains(SECRET));
    assertTrue(created.json().getBoolean("secretSet"));
    ApiResponse list = lead.get("/teams/hooks-ok/webhooks");
    assertEquals(200, list.status());
    assertFalse(list.body().contains(SECRET));
    String id = created.json().getString("id");
    assertEquals(204, lead.delete("/teams/hooks-ok/webhooks/" + id).status());
    assertEquals(404, lead.get("/teams/hooks-ok/webhooks/" + id).status());
    assertEquals(404, lead.delete("/teams/hooks-ok/webhooks/" + id).status());
  }

  @Test
  void everyDiscussionAndNotificationRouteIsDocumented() {
    JsonNode paths = ApiDocs.openApiTree().get("paths");
    List<String> missing = new java.util.ArrayList<>();
    for (ApiRoute r : server.server().api().routes()) {
      String path = r.openApiPath();
      boolean mine = path.startsWith("/threads") || path.startsWith("/comments") || path.startsWith("/notifications")
          || path.contains("/webhooks");
      if (mine && (paths.get(path) == null || paths.get(path).get(r.method().name().toLowerCase()) == null)) {
        missing.add(r.method() + " " + path);
      }
    }
    for (StreamRoute r : server.server().api().streamRoutes()) {
      if (paths.get(r.openApiPath()) == null || paths.get(r.openApiPath()).get("get") == null) {
        missing.add("GET " + r.openApiPath());
      }
    }
    assertEquals(List.of(), missing);
    assertEquals(1, server.server().api().streamRoutes().size());
  }

  @Test
  void onlyLeadsOfTheTeamManageWebhooks() {
    JsonObject body = new JsonObject().put("url", receiverUrl + "/x").put("secret", SECRET);
    assertEquals(403, engineer.post("/teams/hooks-ok/webhooks", body).status());
    assertEquals(403, engineer.get("/teams/hooks-ok/webhooks").status());
    assertEquals(404, outsider.post("/teams/hooks-ok/webhooks", body).status());
    assertEquals(404, outsider.get("/teams/hooks-ok/webhooks").status());
    assertEquals(401, server.anonymous().get("/teams/hooks-ok/webhooks").status());
    assertEquals(200, server.admin().get("/teams/hooks-ok/webhooks").status());
    assertEquals(404, server.admin().get("/teams/no-such-team/webhooks").status());
  }
}
