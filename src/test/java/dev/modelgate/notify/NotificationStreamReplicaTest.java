package dev.modelgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.ModelGate;
import dev.modelgate.config.ConfigLoader;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live notifications across replicas: a second server process in this JVM shares the first one's store
 * (through MONGODB_URI pointing at the embedded MongoDB-wire server). A person streaming from the second
 * server receives a mention written through the first.
 */
class NotificationStreamReplicaTest {

  static TestServer first;
  static ModelGate second;
  static String secondUrl;
  static ApiClient author;
  static String projectId;

  @BeforeAll
  static void start() throws Exception {
    first = TestServer.start(Map.of("MODELGATE_NOTIFY_POLL_MS", "50"));
    first.createTeam("ml");
    author = first.createUser("ann", "ml", List.of("engineer", "lead"));
    first.createUser("rob", "ml", List.of("viewer"));
    ApiResponse p = author.post("/teams/ml/projects", new JsonObject().put("slug", "pricing").put("name", "Pricing"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
    String uri = first.server().store().embeddedConnectionString().orElseThrow();
    second = ModelGate.start(ConfigLoader.load(Map.of(
        "MODELGATE_HTTP_PORT", "0",
        "MODELGATE_DATA_DIR", Files.createTempDirectory("modelgate-replica-").toString(),
        "MODELGATE_ENGINE_ADDRESS", "127.0.0.1:0",
        "MODELGATE_ENGINE_REST_ADDRESS", "127.0.0.1:0",
        "MONGODB_URI", uri,
        "MODELGATE_NOTIFY_POLL_MS", "50",
        "MODELGATE_SSE_HEARTBEAT_SECONDS", "1"), new String[0]));
    secondUrl = "http://127.0.0.1:" + second.httpPort();
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    first.close();
  }

  private static String robAuth() {
    return ApiClient.basic("rob", TestServer.PASSWORD);
  }

  private static void mentionRob(String title) {
    ApiResponse t = author.post("/threads?subject=project:" + projectId, new JsonObject().put("title", title));
    assertEquals(201, t.status(), t::toString);
    ApiResponse c = author.post("/threads/" + t.json().getString("id") + "/comments",
        new JsonObject().put("text", "@rob have a look"));
    assertEquals(201, c.status(), c::toString);
  }

  @Test
  void aMentionWrittenOnOneReplicaIsStreamedByTheOther() throws Exception {
    try (SseClient stream = SseClient.open(secondUrl + "/api/v1/notifications/stream", robAuth(), null)) {
      assertEquals(200, stream.status);
      assertTrue(stream.contentType.startsWith("text/event-stream"), stream.contentType);
      assertNotNull(stream.next("ready", Duration.ofSeconds(20)), "stream did not start");
      mentionRob("Cross-replica");
      SseClient.Event e = stream.next("notification", Duration.ofSeconds(20));
      assertNotNull(e, "no notification arrived on the second replica");
      JsonObject n = new JsonObject(e.data());
      assertEquals("mention", n.getString("kind"));
      assertEquals("ann mentioned you in \u201cCross-replica\u201d", n.getString("title"));
      assertEquals(n.getString("id"), e.id());
    }
    // The client went away: the server notices and stops polling for it.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String metrics = "";
    while (System.nanoTime() < deadline) {
      metrics = first.anonymous().get(secondUrl + "/metrics").body();
      if (metrics.contains("modelgate_sse_streams 0.0")) {
        break;
      }
      Thread.sleep(50);
    }
    assertTrue(metrics.contains("modelgate_sse_streams 0.0"), "stream still open after the client left");
  }

  @Test
  void reconnectingWithLastEventIdReplaysWhatWasMissed() throws Exception {
    mentionRob("While away");
    ApiResponse list = first.as("rob").get(secondUrl + "/api/v1/notifications");
    assertEquals(200, list.status(), list::toString);
    long latest = Long.parseLong(list.json().getString("latestId"));
    assertTrue(latest >= 1);
    try (SseClient stream = SseClient.open(secondUrl + "/api/v1/notifications/stream", robAuth(),
        Long.toString(latest - 1))) {
      SseClient.Event e = stream.next("notification", Duration.ofSeconds(20));
      assertNotNull(e, "missed notification was not replayed");
      assertEquals(Long.toString(latest), e.id());
      assertEquals("ann mentioned you in \u201cWhile away\u201d", new JsonObject(e.data()).getString("title"));
      SseClient.Event heartbeat = stream.next("comment", Duration.ofSeconds(20));
      assertNotNull(heartbeat, "an idle stream sends keep-alive comments");
      assertEquals("keep-alive", heartbeat.data());
    }
  }

  @Test
  void aStreamOpenedWithATokenEndsWhenTheTokenIsRevokedAndDeliversNothingAfter() throws Exception {
    ApiClient rob = first.as("rob");
    JsonObject token = rob.post("/tokens", new JsonObject().put("name", "feed").put("team", "ml")
        .put("roles", new io.vertx.core.json.JsonArray().add("viewer"))).json();
    try (SseClient stream = SseClient.open(secondUrl + "/api/v1/notifications/stream",
        "Bearer " + token.getString("token"), null)) {
      assertEquals(200, stream.status);
      assertNotNull(stream.next("ready", Duration.ofSeconds(20)), "stream did not start");
      assertEquals(204, rob.delete("/tokens/" + token.getString("id")).status());
      mentionRob("After the revocation");
      // The stream is one long request: the revocation applies to it too, before anything more is sent.
      SseClient.Event next = stream.nextOf(List.of("notification", "end"), Duration.ofSeconds(30));
      assertNotNull(next, "the stream neither ended nor sent anything");
      assertEquals("end", next.type(), () -> "a revoked token still streams: " + next.data());
    }
  }

  @Test
  void aTeamsNotificationsAreReadOnlyByItsMembersAndTokensScopedToIt() {
    first.createTeam("nt-other");
    first.grant("ann", "nt-other", List.of("engineer"));
    first.grant("rob", "nt-other", List.of("viewer"));
    ApiResponse p = first.admin().post("/teams/nt-other/projects", new JsonObject().put("slug", "secret")
        .put("name", "S"));
    ApiResponse t = author.post("/threads?subject=project:" + p.json().getString("id"),
        new JsonObject().put("title", "Other team plan"));
    assertEquals(201, author.post("/threads/" + t.json().getString("id") + "/comments",
        new JsonObject().put("text", "@rob see this")).status());
    ApiClient rob = first.as("rob");
    java.util.function.Function<ApiClient, List<String>> titles = c -> c.get("/notifications").json()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("title")).toList();
    String seen = "ann mentioned you in \u201cOther team plan\u201d";
    assertTrue(titles.apply(rob).contains(seen));
    String token = rob.post("/tokens", new JsonObject().put("name", "ml-only").put("team", "ml")
        .put("roles", new io.vertx.core.json.JsonArray().add("viewer"))).json().getString("token");
    ApiClient scoped = first.anonymous().withAuthorization("Bearer " + token);
    assertFalse(titles.apply(scoped).contains(seen), "a token for team ml reads team nt-other's notifications");
    String id = rob.get("/notifications").json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("title").equals(seen)).findFirst().orElseThrow().getString("id");
    assertEquals(404, scoped.post("/notifications/" + id + "/read", null).status());
    first.grant("rob", "nt-other", List.of());
    assertFalse(titles.apply(rob).contains(seen), "a removed member still reads the team's notifications");
    assertEquals(404, rob.post("/notifications/" + id + "/read", null).status());
  }

  @Test
  void theStreamNeedsAuthentication() throws Exception {
    try (SseClient stream = SseClient.open(secondUrl + "/api/v1/notifications/stream", null, null)) {
      assertEquals(401, stream.status);
    }
    try (SseClient stream = SseClient.open(secondUrl + "/api/v1/notifications/stream",
        ApiClient.basic("rob", "wrong-password"), null)) {
      assertEquals(401, stream.status);
    }
  }
}
