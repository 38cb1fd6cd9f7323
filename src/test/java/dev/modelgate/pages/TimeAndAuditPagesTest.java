package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The time page (timer, logging, my entries, report) and the audit page (visibility by team role, filters,
 * chain verification), over plain HTTP: form errors at their fields, CSRF, and nothing of other teams.
 */
class TimeAndAuditPagesTest {

  static TestServer server;
  static ApiClient lena;
  static ApiClient sam;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lena = server.createUser("lena", "risk", List.of("lead"));
    sam = server.createUser("sam", "risk", List.of("engineer"));
    server.createUser("cora", "risk", List.of("compliance"));
    server.createUser("otto", "other", List.of("lead"));
    projectId = PageFixtures.project(lena, "risk", "scoring");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void timerAndEntriesFromTheTimePage() {
    PageClient c = PageClient.signedIn(server, "sam");
    String csrf = c.csrf();
    assertEquals(403, c.post("/time/entries", Map.of("project", projectId, "duration", "1h",
        "activity", "training")).statusCode(), "no CSRF token");

    HttpResponse<String> bad = c.post("/time/entries", Map.of("_csrf", csrf, "project", projectId,
        "duration", "an hour", "activity", "training"));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("id=\"entry-error-duration\""), bad.body());
    assertTrue(bad.body().contains("value=\"an hour\""), "the typed value is kept");

    HttpResponse<String> logged = c.post("/time/entries", Map.of("_csrf", csrf, "project", projectId,
        "duration", "1h30m", "activity", "validation", "note", "gate review"));
    assertEquals(303, logged.statusCode(), logged::body);
    assertEquals("/time?project=" + projectId, logged.headers().firstValue("location").orElseThrow());
    String page = c.get("/time?project=" + projectId).body();
    assertTrue(page.contains("Logged 90 min on scoring."), page);
    assertTrue(page.contains("id=\"report-total\">1.5 h<"), page);
    assertTrue(page.contains("data-key=\"validation\""), page);
    ApiResponse entries = sam.get("/projects/" + projectId + "/time-entries");
    assertEquals(1, entries.items().size(), entries::toString);

    assertEquals(303, c.post("/time/timer/start", Map.of("_csrf", csrf, "project", projectId,
        "activity", "training")).statusCode());
    assertEquals(200, sam.get("/timers/current").status());
    assertTrue(c.get("/time").body().contains("id=\"timer-running\""));
    HttpResponse<String> twice = c.post("/time/timer/start", Map.of("_csrf", csrf, "project", projectId,
        "activity", "training"));
    assertEquals(409, twice.statusCode());
    assertTrue(twice.body().contains("already have a running timer"), twice.body());
    assertEquals(303, c.post("/time/timer/stop", Map.of("_csrf", csrf)).statusCode());
    assertEquals(404, sam.get("/timers/current").status());
    assertEquals(2, sam.get("/projects/" + projectId + "/time-entries").items().size());
  }

  @Test
  void auditIsForComplianceAndLeadsOfTheTeam() {
    PageClient cora = PageClient.signedIn(server, "cora");
    String dashboard = cora.get("/dashboard").body();
    assertTrue(dashboard.contains("id=\"nav-audit\""), "compliance sees the Audit link");
    HttpResponse<String> audit = cora.get("/audit");
    assertEquals(200, audit.statusCode(), audit::body);
    assertTrue(audit.body().contains("data-action=\"project.created\""), audit.body());
    assertTrue(audit.body().contains("<td>risk</td>"), audit.body());
    assertFalse(audit.body().contains("<td>other</td>"), "nothing of the other team");
    HttpResponse<String> verified = cora.get("/audit/verify");
    assertTrue(verified.body().contains("id=\"verification-ok\""), verified.body());
    HttpResponse<String> filtered = cora.get("/audit?action=nothing.like.this");
    assertTrue(filtered.body().contains("id=\"no-entries\""));

    PageClient samPages = PageClient.signedIn(server, "sam");
    assertFalse(samPages.get("/dashboard").body().contains("id=\"nav-audit\""));
    assertEquals(403, samPages.get("/audit").statusCode(), "engineers do not read the audit trail");

    PageClient otto = PageClient.signedIn(server, "otto");
    HttpResponse<String> ottos = otto.get("/audit");
    assertEquals(200, ottos.statusCode());
    assertTrue(ottos.body().contains("<td>other</td>"), ottos.body());
    assertFalse(ottos.body().contains("<td>risk</td>"), "a lead of another team sees nothing of this one");
    assertEquals(404, otto.get("/audit?team=risk").statusCode());
  }

  @Test
  void theVerifyPageListsEveryBrokenEntryOfTheReadersTeams() {
    MongoCollection<Document> audit = server.server().store().collection("audit");
    List<Document> originals = audit.find(Filters.eq("team", "risk")).sort(Sorts.ascending("_id")).limit(2)
        .into(new ArrayList<>());
    assertEquals(2, originals.size());
    originals.forEach(d -> audit.updateOne(Filters.eq("_id", d.get("_id")), Updates.set("actor", "mallory")));
    try {
      HttpResponse<String> page = PageClient.signedIn(server, "cora").get("/audit/verify");
      assertEquals(200, page.statusCode(), page::body);
      assertTrue(page.body().contains("id=\"verification-broken\""), page::body);
      for (Document d : originals) {
        assertTrue(page.body().contains("<li data-seq=\"" + d.get("_id") + "\">"), page::body);
      }
      HttpResponse<String> others = PageClient.signedIn(server, "otto").get("/audit/verify");
      assertTrue(others.body().contains("Chain intact for the entries of other:"), others::body);
      assertFalse(others.body().contains("head #"), "the platform's head is the admin's");
    } finally {
      originals.forEach(d -> audit.replaceOne(Filters.eq("_id", d.get("_id")), d));
    }
  }
}
