package dev.modelgate.workflow.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Team settings through the HTTP API: defaults, validation naming fields, secrets never shown. */
class SettingsApiTest {

  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("fraud");
    lead = server.createUser("lea", "fraud", List.of("lead"));
    engineer = server.createUser("ed", "fraud", List.of("engineer"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject full() {
    return new JsonObject()
        .put("gate", new JsonObject().put("minimums", new JsonObject().put("auc", 0.75))
            .put("maxRegression", new JsonObject().put("auc", 0.01))
            .put("maxSegmentRegression", new JsonObject().put("auc", 0.02))
            .put("fairness", new JsonObject().put("metric", "auc").put("maxGap", 0.05))
            .put("requiredSegments", new JsonArray().add("region:eu"))
            .put("lowerIsBetter", new JsonArray().add("logloss")))
        .put("complianceOfficers", 2).put("reminderInterval", "PT4H").put("canaryWindow", "PT2H")
        .put("canaryMaxRegression", new JsonObject().put("auc", 0.02))
        .put("webhook", new JsonObject().put("url", "https://203.0.113.10/hooks/modelgate")
            .put("secret", "0123456789abcdef-secret"));
  }

  @Test
  void defaultsThenLeadSavesAndMembersRead() {
    server.createTeam("defaults");
    server.grant("lea", "defaults", List.of("lead"));
    ApiResponse d = lead.get("/teams/defaults/settings");
    assertEquals(200, d.status(), d::toString);
    assertEquals(1, d.json().getInteger("complianceOfficers"));
    assertEquals("PT24H", d.json().getString("reminderInterval"));
    assertNull(d.json().getValue("webhook"));

    ApiResponse saved = lead.put("/teams/fraud/settings", full());
    assertEquals(200, saved.status(), saved::toString);
    ApiResponse read = engineer.get("/teams/fraud/settings");
    assertEquals(200, read.status());
    JsonObject s = read.json();
    assertEquals(2, s.getInteger("complianceOfficers"));
    assertEquals("PT4H", s.getString("reminderInterval"));
    assertEquals(0.05, s.getJsonObject("gate").getJsonObject("fairness").getDouble("maxGap"));
    assertEquals(true, s.getJsonObject("webhook").getBoolean("secretSet"));
    assertFalse(read.body().contains("0123456789abcdef-secret"), "secret must never be returned");
    assertEquals("lea", s.getString("updatedBy"));
  }

  @Test
  void omittedSecretKeepsTheStoredOne() {
    assertEquals(200, lead.put("/teams/fraud/settings", full()).status());
    JsonObject again = full();
    again.getJsonObject("webhook").remove("secret");
    ApiResponse r = lead.put("/teams/fraud/settings", again);
    assertEquals(200, r.status(), r::toString);
    assertTrue(r.json().getJsonObject("webhook").getBoolean("secretSet"));
  }

  @Test
  void onlyTheLeadWrites() {
    ApiResponse r = engineer.put("/teams/fraud/settings", full());
    assertEquals(403, r.status());
  }

  @Test
  void invalidValuesAreNamedAndChangeNothing() {
    assertEquals(200, lead.put("/teams/fraud/settings", full()).status());
    JsonObject bad = full().put("complianceOfficers", 0).put("reminderInterval", "tomorrow")
        .put("canaryWindow", "PT10S");
    bad.getJsonObject("gate").put("maxRegression", new JsonObject().put("auc", -1))
        .put("fairness", new JsonObject().put("metric", "auc"));
    bad.getJsonObject("gate").put("requiredSegments", new JsonArray().add("region:eu").add("nul\u0000"));
    bad.getJsonObject("webhook").put("url", "ftp://x").put("secret", "short");
    ApiResponse r = lead.put("/teams/fraud/settings", bad);
    assertEquals(400, r.status(), r::toString);
    List<String> fields = r.json().getJsonArray("errors").stream()
        .map(o -> ((JsonObject) o).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("complianceOfficers", "reminderInterval", "canaryWindow",
        "gate.maxRegression.auc", "gate.fairness.maxGap", "gate.requiredSegments[1]", "webhook.url",
        "webhook.secret")), fields::toString);
    assertEquals(2, engineer.get("/teams/fraud/settings").json().getInteger("complianceOfficers"));
  }

  @Test
  void unknownTeamIs404() {
    assertEquals(404, server.admin().get("/teams/nope/settings").status());
  }
}
