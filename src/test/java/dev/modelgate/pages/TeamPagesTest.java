package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The team page: only the team's lead (and the admin) sees it, everyone else gets the 404 of a page that does
 * not exist; gate settings, member roles and webhooks changed there are what the API then reports, a bad
 * threshold is shown at its field and changes nothing, and a webhook's secret is shown once.
 */
class TeamPagesTest {

  static TestServer server;
  static ApiClient lara;  // lead of ml

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("ml");
    server.createTeam("other");
    lara = server.createUser("lara", "ml", List.of("lead"));
    server.createUser("eve", "ml", List.of("engineer"));
    server.createUser("nora", "other", List.of("lead"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void onlyTheTeamsLeadAndTheAdminSeeIt() {
    PageClient lead = PageClient.signedIn(server, "lara");
    HttpResponse<String> page = lead.get("/teams/ml/settings");
    assertEquals(200, page.statusCode(), page::body);
    assertTrue(page.body().contains("data-member=\"eve\""), page.body());
    assertTrue(page.body().contains("id=\"nav-teams\""), "leads get the navigation link");
    assertTrue(lead.get("/teams").body().contains("href=\"/teams/ml/settings\""));
    PageClient admin = new PageClient(server.baseUrl());
    assertEquals(303, admin.post("/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD,
        "_csrf", PageClient.csrf(admin.get("/login").body()))).statusCode());
    assertEquals(200, admin.get("/teams/ml/settings").statusCode(), "the platform admin");

    HttpResponse<String> missing = lead.get("/teams/nope/settings");
    assertEquals(404, missing.statusCode());
    PageClient engineer = PageClient.signedIn(server, "eve");
    HttpResponse<String> member = engineer.get("/teams/ml/settings");
    assertEquals(404, member.statusCode(), "a member who is not the lead");
    assertFalse(engineer.get("/dashboard").body().contains("id=\"nav-teams\""));
    PageClient otherLead = PageClient.signedIn(server, "nora");
    assertEquals(404, otherLead.get("/teams/ml/settings").statusCode(), "the lead of another team");
    assertEquals(404, otherLead.get("/teams/ml/webhooks/0123456789abcdef01234567").statusCode());
    String csrf = otherLead.csrf();
    assertEquals(404, otherLead.post("/teams/ml/members", Map.of("_csrf", csrf, "username", "nora",
        "roles", "lead")).statusCode());
    assertEquals(404, otherLead.post("/teams/ml/settings", Map.of("_csrf", csrf,
        "complianceOfficers", "3")).statusCode());
    assertEquals(missing.body(), member.body(), "the same answer as for a team that does not exist");
    assertTrue(lara.get("/teams/ml/members").items().stream().noneMatch(m -> ((JsonObject) m).getString("username")
        .equals("nora")), "nothing changed");
  }

  @Test
  void settingsMembersAndWebhooksRoundTripThroughThePage() {
    PageClient lead = PageClient.signedIn(server, "lara");
    String csrf = PageClient.csrf(lead.get("/teams/ml/settings").body());

    // Gate thresholds: a bad value is shown at its field and nothing is saved.
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf);
    form.put("gate.minimums", "auc = 0.85\nrecall = high");
    form.put("gate.maxSegmentRegression", "auc = 0.02");
    form.put("gate.fairness.metric", "auc");
    form.put("gate.fairness.maxGap", "0.05");
    form.put("gate.requiredSegments", "eu, us");
    form.put("complianceOfficers", "2");
    form.put("reminderInterval", "PT4H");
    form.put("canaryWindow", "PT2H");
    HttpResponse<String> bad = lead.post("/teams/ml/settings", form);
    assertEquals(400, bad.statusCode(), bad::body);
    assertTrue(bad.body().contains("id=\"error-gate.minimums\">recall: must be a number<"), bad.body());
    assertTrue(bad.body().contains("recall = high</textarea>"), "what was typed is kept");
    assertEquals(1, lara.get("/teams/ml/settings").json().getInteger("complianceOfficers"));

    form.put("gate.minimums", "auc = 0.85\nrecall = 0.6");
    HttpResponse<String> saved = lead.post("/teams/ml/settings", form);
    assertEquals(303, saved.statusCode(), saved::body);
    JsonObject s = lara.get("/teams/ml/settings").json();
    assertEquals(2, s.getInteger("complianceOfficers"));
    assertEquals("PT4H", s.getString("reminderInterval"));
    JsonObject gate = s.getJsonObject("gate");
    assertEquals(new JsonObject().put("auc", 0.85).put("recall", 0.6), gate.getJsonObject("minimums"));
    assertEquals(0.02, gate.getJsonObject("maxSegmentRegression").getDouble("auc"));
    assertEquals(new JsonObject().put("metric", "auc").put("maxGap", 0.05), gate.getJsonObject("fairness"));
    assertEquals(new JsonArray().add("eu").add("us"), gate.getJsonArray("requiredSegments"));
    HttpResponse<String> shown = lead.get("/teams/ml/settings");
    assertTrue(shown.body().contains("Workflow settings saved."));
    assertTrue(shown.body().contains("auc = 0.85\nrecall = 0.6</textarea>"), "the form shows what is stored");

    // Members: roles set from the page are the API's.
    Map<String, String> roles = Map.of("_csrf", csrf, "username", "eve", "roles", "product");
    assertEquals(303, lead.post("/teams/ml/members", roles).statusCode());
    JsonObject eve = lara.get("/teams/ml/members").items().stream().map(o -> (JsonObject) o)
        .filter(m -> m.getString("username").equals("eve")).findFirst().orElseThrow();
    assertEquals(new JsonArray().add("product"), eve.getJsonArray("roles"));
    HttpResponse<String> unknown = lead.post("/teams/ml/members", Map.of("_csrf", csrf, "username", "ghost",
        "roles", "viewer"));
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("id=\"member-error\">no local account &#39;ghost&#39;"), unknown.body());

    // Webhooks: created with a secret made by the server and shown once, disabled, logged, deleted.
    HttpResponse<String> created = lead.post("/teams/ml/webhooks", Map.of("_csrf", csrf,
        "url", "http://127.0.0.1:9/hooks", "events", "workflow.finished, notification.*"));
    assertEquals(201, created.statusCode(), created::body);
    Matcher secret = Pattern.compile("id=\"webhook-secret\">([A-Za-z0-9_-]{40,})<").matcher(created.body());
    assertTrue(secret.find(), created.body());
    JsonObject hook = lara.get("/teams/ml/webhooks").items().getJsonObject(0);
    assertEquals("http://127.0.0.1:9/hooks", hook.getString("url"));
    assertEquals(new JsonArray().add("workflow.finished").add("notification.*"), hook.getJsonArray("events"));
    assertTrue(hook.getBoolean("secretSet"));
    assertFalse(lead.get("/teams/ml/settings").body().contains(secret.group(1)), "the secret is shown once");

    String id = hook.getString("id");
    assertEquals(303, lead.post("/teams/ml/webhooks/" + id + "/disable", Map.of("_csrf", csrf)).statusCode());
    JsonObject disabled = lara.get("/teams/ml/webhooks/" + id).json();
    assertFalse(disabled.getBoolean("active"));
    assertEquals("disabled by lara", disabled.getString("disabledReason"));
    HttpResponse<String> log = lead.get("/teams/ml/webhooks/" + id);
    assertEquals(200, log.statusCode());
    assertTrue(log.body().contains("id=\"no-deliveries\""), log.body());
    assertEquals(303, lead.post("/teams/ml/webhooks/" + id + "/enable", Map.of("_csrf", csrf)).statusCode());
    assertTrue(lara.get("/teams/ml/webhooks/" + id).json().getBoolean("active"));
    // The API has the same switch; the page shows its state.
    assertFalse(lara.post("/teams/ml/webhooks/" + id + "/disable", new JsonObject()).json().getBoolean("active"));
    assertTrue(lead.get("/teams/ml/settings").body().contains("disabled: disabled by lara"));

    HttpResponse<String> badHook = lead.post("/teams/ml/webhooks", Map.of("_csrf", csrf, "url", "ftp://x",
        "secret", "short"));
    assertEquals(400, badHook.statusCode());
    assertTrue(badHook.body().contains("id=\"error-secret\">must be at least 16 characters<"), badHook.body());
    assertTrue(badHook.body().contains("id=\"error-url\""), badHook.body());

    assertEquals(303, lead.post("/teams/ml/webhooks/" + id + "/delete", Map.of("_csrf", csrf)).statusCode());
    assertTrue(lara.get("/teams/ml/webhooks").items().isEmpty());
    assertEquals(404, lead.post("/teams/ml/webhooks/" + id + "/delete", Map.of("_csrf", csrf)).statusCode());
  }
}
