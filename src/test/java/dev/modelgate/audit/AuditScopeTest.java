package dev.modelgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audit verification by team: the admin's answer is the platform's (count and head); a lead or compliance
 * officer gets the verification of their own teams' entries only, and another team is a 404 like a team
 * that does not exist.
 */
class AuditScopeTest {

  static TestServer server;
  static ApiClient alphaLead;
  static ApiClient alphaCompliance;
  static ApiClient alphaEngineer;
  static ApiClient betaLead;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("alpha");
    server.createTeam("beta");
    alphaLead = server.createUser("alf", "alpha", List.of("lead"));
    alphaCompliance = server.createUser("alice-c", "alpha", List.of("compliance"));
    alphaEngineer = server.createUser("alex", "alpha", List.of("engineer"));
    betaLead = server.createUser("bert", "beta", List.of("lead"));
    assertEquals(201, alphaLead.post("/teams/alpha/projects", new JsonObject().put("slug", "a1").put("name", "A1"))
        .status());
    assertEquals(201, betaLead.post("/teams/beta/projects", new JsonObject().put("slug", "b1").put("name", "B1"))
        .status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static MongoCollection<Document> audit() {
    return server.server().store().collection("audit");
  }

  static JsonObject verify(ApiClient who, String query) {
    ApiResponse r = who.get("/audit/verify" + query);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  static List<Long> brokenSeqs(JsonObject v) {
    return v.getJsonArray("broken").stream().map(o -> ((JsonObject) o).getLong("seq")).toList();
  }

  @Test
  void anotherTeamIsA404WithTheBodyOfAMissingTeam() {
    for (String path : List.of("/audit/verify", "/audit", "/audit/export")) {
      ApiResponse other = alphaLead.get(path + "?team=beta");
      ApiResponse missing = alphaLead.get(path + "?team=no-such-team");
      assertEquals(404, other.status(), other::toString);
      assertEquals(404, missing.status(), missing::toString);
      assertEquals(missing.json().getString("detail").replace("no-such-team", "beta"),
          other.json().getString("detail"));
      assertEquals(missing.json().fieldNames(), other.json().fieldNames());
      assertFalse(other.body().contains("headHash") || other.body().contains("checked"), other::toString);
    }
    assertEquals(404, server.admin().get("/audit/verify?team=no-such-team").status());
    assertEquals(403, alphaEngineer.get("/audit/verify?team=alpha").status(), "a member without the role");
  }

  @Test
  void aLeadOrComplianceOfficerGetsTheirTeamsFiguresOnlyTheAdminThePlatforms() {
    long alphaEntries = audit().countDocuments(Filters.eq("team", "alpha"));
    long all = audit().countDocuments();
    assertTrue(alphaEntries > 0 && alphaEntries < all);
    for (JsonObject v : List.of(verify(alphaLead, ""), verify(alphaLead, "?team=alpha"), verify(alphaCompliance, ""))) {
      assertTrue(v.getBoolean("ok"), v::toString);
      assertEquals(alphaEntries, v.getLong("checked"), v::toString);
      assertEquals(new JsonArray().add("alpha"), v.getJsonArray("teams"));
      assertFalse(v.containsKey("headSeq"), "the platform's head is the admin's");
      assertFalse(v.containsKey("headHash"), "the platform's head is the admin's");
    }
    JsonObject platform = verify(server.admin(), "");
    assertTrue(platform.getBoolean("ok"), platform::toString);
    assertEquals(all, platform.getLong("checked"));
    assertEquals(all, platform.getLong("headSeq"));
    assertNotNull(platform.getString("headHash"));
    assertNull(platform.getJsonArray("teams"));
    assertEquals(audit().countDocuments(Filters.eq("team", "beta")), verify(server.admin(), "?team=beta")
        .getLong("checked"));
  }

  @Test
  void brokenEntriesAreReportedToTheirTeamAndMissingOnesToEveryone() {
    Document betaEntry = audit().find(Filters.eq("team", "beta")).sort(Sorts.descending("_id")).first();
    Document platformEntry = audit().find(Filters.eq("team", null)).sort(Sorts.descending("_id")).first();
    assertNotNull(betaEntry);
    assertNotNull(platformEntry);
    long betaSeq = betaEntry.getLong("_id");
    long platformSeq = platformEntry.getLong("_id");
    audit().updateOne(Filters.eq("_id", betaSeq), Updates.set("actor", "mallory"));
    try {
      assertTrue(verify(alphaLead, "").getBoolean("ok"), "alpha's entries are intact");
      JsonObject beta = verify(betaLead, "");
      assertFalse(beta.getBoolean("ok"));
      assertEquals(List.of(betaSeq), brokenSeqs(beta));
      assertEquals(betaSeq, beta.getLong("brokenAt"));
      assertEquals(List.of(betaSeq), brokenSeqs(verify(server.admin(), "")));

      // a removed entry's team cannot be known: every scope hears of it
      audit().deleteOne(Filters.eq("_id", platformSeq));
      JsonObject alpha = verify(alphaLead, "");
      assertFalse(alpha.getBoolean("ok"));
      assertEquals(List.of(platformSeq), brokenSeqs(alpha));
      assertEquals("missing", alpha.getString("problem"));
      List<Long> both = betaSeq < platformSeq ? List.of(betaSeq, platformSeq) : List.of(platformSeq, betaSeq);
      assertEquals(both, brokenSeqs(verify(server.admin(), "")));
    } finally {
      audit().replaceOne(Filters.eq("_id", betaSeq), betaEntry);
      if (audit().countDocuments(Filters.eq("_id", platformSeq)) == 0) {
        audit().insertOne(platformEntry);
      }
    }
    assertTrue(verify(server.admin(), "").getBoolean("ok"));
  }
}
