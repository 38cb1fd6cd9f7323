package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP Basic for local accounts: 401 without identity, no hint whether a user exists, roles per team. */
class AuthenticationTest {

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("auth");
    server.createUser("paula", "auth", List.of("product"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noIdentityIs401WithAChallenge() {
    ApiResponse r = server.anonymous().get("/me");
    assertEquals(401, r.status());
    assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
    assertEquals("application/problem+json", r.contentType());
  }

  @Test
  void wrongPasswordAndUnknownUserLookTheSame() {
    ApiResponse wrong = server.as("paula", "nope").get("/me");
    ApiResponse unknown = server.as("nobody", "nope").get("/me");
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.json().getString("detail"), unknown.json().getString("detail"));
  }

  @Test
  void malformedHeadersAre401NotErrors() {
    assertEquals(401, server.anonymous().withAuthorization("Basic !!!").get("/me").status());
    assertEquals(401, server.anonymous().withAuthorization("Basic " + java.util.Base64.getEncoder()
        .encodeToString("nocolon".getBytes())).get("/me").status());
    assertEquals(401, server.anonymous().withAuthorization("Digest x").get("/me").status());
    assertEquals(401, server.anonymous().withAuthorization("garbage").get("/me").status());
    assertEquals(401, server.anonymous().withAuthorization("Bearer abc").get("/me").status());
  }

  @Test
  void principalCarriesTeamRolesAndRoleChangesApply() {
    ApiResponse me = server.as("paula").get("/me");
    assertEquals(200, me.status());
    assertEquals(List.of("product"), me.json().getJsonObject("teams").getJsonArray("auth").getList());
    server.grant("paula", "auth", List.of("product", "engineer"));
    ApiResponse after = server.as("paula").get("/me");
    assertEquals(List.of("engineer", "product"), after.json().getJsonObject("teams").getJsonArray("auth").getList());
    server.grant("paula", "auth", List.of("product"));
  }

  @Test
  void passwordsAreStoredAsSlowSaltedHashes() {
    var doc = server.server().store().collection("accounts").find(new org.bson.Document("_id", "paula")).first();
    String hash = doc.getString("passwordHash");
    assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
    assertTrue(!hash.contains(TestServer.PASSWORD));
  }

  @Test
  void membershipIsManagedByLeadsOrAdminOnly() {
    ApiResponse r = server.as("paula").put("/teams/auth/members/paula",
        new io.vertx.core.json.JsonObject().put("roles", new io.vertx.core.json.JsonArray().add("lead")));
    assertEquals(403, r.status());
    ApiResponse bad = server.admin().put("/teams/auth/members/paula",
        new io.vertx.core.json.JsonObject().put("roles", new io.vertx.core.json.JsonArray().add("boss")));
    assertEquals(400, bad.status());
    assertEquals("roles[0]", bad.json().getString("field"));
    assertEquals(404, server.admin().put("/teams/auth/members/ghost",
        new io.vertx.core.json.JsonObject().put("roles", new io.vertx.core.json.JsonArray().add("viewer"))).status());
  }
}
