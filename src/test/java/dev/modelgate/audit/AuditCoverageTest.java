package dev.modelgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * State changes that used to leave no audit entry: time entries (create, edit, delete), timers (start, stop),
 * team webhooks (create, delete) and new comments. Each must appear in the hash-chained log with who, what and enough
 * detail to understand it, and the chain must still verify.
 */
class AuditCoverageTest {

  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("cov");
    lead = server.createUser("lou", "cov", List.of("lead"));
    engineer = server.createUser("ed", "cov", List.of("engineer"));
    ApiResponse p = lead.post("/teams/cov/projects", new JsonObject().put("slug", "ledger").put("name", "Ledger"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<JsonObject> entries(String query) {
    ApiResponse r = lead.get("/audit?team=cov&limit=200&" + query);
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  static JsonObject only(String action, String subjectId) {
    List<JsonObject> found = entries("action=" + action).stream()
        .filter(e -> subjectId.equals(e.getString("subjectId"))).toList();
    assertEquals(1, found.size(), () -> action + " " + subjectId + ": " + found);
    return found.get(0);
  }

  @Test
  void timeEntryCreateEditDeleteAreAudited() {
    ApiResponse created = engineer.post("/projects/" + projectId + "/time-entries", new JsonObject()
        .put("duration", "1h30m").put("date", "2026-11-02").put("activity", "training").put("note", "private text"));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    JsonObject c = only("time-entry.created", id);
    assertEquals("ed", c.getString("actor"));
    assertEquals("time-entry", c.getString("subjectType"));
    assertEquals(90L, c.getJsonObject("details").getLong("minutes"));
    assertEquals("2026-11-02", c.getJsonObject("details").getString("date"));
    assertEquals(projectId, c.getJsonObject("details").getString("project"));
    assertFalse(c.encode().contains("private text"), "the note's text stays out of the audit log");

    ApiResponse edited = engineer.patch("/time-entries/" + id, new JsonObject().put("duration", "2h"));
    assertEquals(200, edited.status(), edited::toString);
    JsonObject u = only("time-entry.updated", id);
    assertEquals(new JsonObject().put("from", 90).put("to", 120), u.getJsonObject("details").getJsonObject("minutes"));
    assertFalse(u.getJsonObject("details").containsKey("date"), "unchanged fields are not listed");

    assertEquals(204, engineer.delete("/time-entries/" + id).status());
    JsonObject d = only("time-entry.deleted", id);
    assertEquals(120L, d.getJsonObject("details").getLong("minutes"));
    assertTrue(c.getLong("seq") < u.getLong("seq") && u.getLong("seq") < d.getLong("seq"));
    assertEquals(404, engineer.delete("/time-entries/" + id).status());
    assertEquals(1, entries("action=time-entry.deleted").stream().filter(e -> id.equals(e.getString("subjectId")))
        .count(), "a refused delete records nothing");
    assertTrue(lead.get("/audit/verify").json().getBoolean("ok"));
  }

  @Test
  void timerStartAndStopAreAudited() {
    ApiResponse started = engineer.post("/timers/start", new JsonObject().put("project", projectId)
        .put("activity", "review"));
    assertEquals(201, started.status(), started::toString);
    ApiResponse stopped = engineer.post("/timers/stop", null);
    assertEquals(201, stopped.status(), stopped::toString);
    // The entry takes the timer's id, so start and stop name the same subject.
    JsonObject s = only("timer.started", stopped.json().getString("id"));
    assertEquals("review", s.getJsonObject("details").getString("activity"));
    assertEquals("timer", s.getString("subjectType"));
    JsonObject e = only("timer.stopped", stopped.json().getString("id"));
    assertEquals("ed", e.getString("actor"));
    assertTrue(e.getJsonObject("details").getLong("minutes") >= 1);
    assertEquals(404, engineer.post("/timers/stop", null).status());
    assertEquals(1, entries("action=timer.stopped").stream()
        .filter(x -> stopped.json().getString("id").equals(x.getString("subjectId"))).count());
  }

  @Test
  void webhookCreateAndDeleteAreAuditedWithoutSecretOrPath() {
    ApiResponse created = lead.post("/teams/cov/webhooks", new JsonObject()
        .put("url", "https://203.0.113.10/services/T000/SECRETPATH?token=abc")
        .put("secret", "a-webhook-secret-of-enough-length").put("events", new JsonArray().add("task.created")));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    JsonObject c = only("webhook.created", id);
    assertEquals("https://203.0.113.10", c.getJsonObject("details").getString("target"));
    assertFalse(c.encode().contains("SECRETPATH") || c.encode().contains("token=abc")
        || c.encode().contains("a-webhook-secret"), c::encode);
    assertEquals(204, lead.delete("/teams/cov/webhooks/" + id).status());
    assertEquals("lou", only("webhook.deleted", id).getString("actor"));
  }

  @Test
  void aNewCommentIsAuditedWithoutItsText() {
    ApiResponse t = engineer.post("/threads?subject=project:" + projectId,
        new JsonObject().put("title", "Audit me").put("text", "the confidential words"));
    assertEquals(201, t.status(), t::toString);
    String thread = t.json().getString("id");
    List<JsonObject> added = entries("action=comment.added").stream()
        .filter(e -> thread.equals(e.getJsonObject("details").getString("thread"))).toList();
    assertEquals(1, added.size(), added::toString);
    assertEquals("ed", added.getFirst().getString("actor"));
    assertEquals("project:" + projectId, added.getFirst().getJsonObject("details").getString("subject"));
    assertFalse(added.getFirst().encode().contains("confidential"));
  }
}
