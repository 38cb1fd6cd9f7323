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
    assertTrue(hash.startsWith("pbkdf2-sha256-v2$600000$"), hash);
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

  @Test
  void aPasswordWithTrailingNulsOrOtherControlCharactersNeverMatches() {
    assertEquals(200, server.as("paula").get("/me").status(), "the password itself, now cached");
    assertEquals(401, server.as("paula", TestServer.PASSWORD + "\0\0").get("/me").status());
    assertEquals(401, server.as("paula", TestServer.PASSWORD + "\0").get("/me").status());
    assertEquals(401, server.as("paula", TestServer.PASSWORD + "\u0085").get("/me").status());
    assertEquals(200, server.as("paula").get("/me").status());
  }

  @Test
  void basicCredentialsAreComparedAsTheirExactUtf8Bytes() {
    // A password holding U+FFFD: a lenient decoder would let any invalid UTF-8 byte stand in for it.
    String password = "replacement-\ufffd-char";
    server.admin().post("/users", new io.vertx.core.json.JsonObject().put("username", "fffd-user")
        .put("password", password));
    assertEquals(200, server.as("fffd-user", password).get("/me").status());
    byte[] head = "fffd-user:replacement-".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = "-char".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] forged = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, forged, 0, head.length);
    forged[head.length] = (byte) 0xff;
    System.arraycopy(tail, 0, forged, head.length + 1, tail.length);
    assertEquals(401, server.anonymous().withAuthorization("Basic "
        + java.util.Base64.getEncoder().encodeToString(forged)).get("/me").status());
  }

  @Test
  void aNewPasswordWithAControlCharacterIs400NamingTheField() {
    for (String pw : List.of("long-enough-pass\u0007word", "long-enough-password\0", "long-enough\u007fpassword",
        "long-enough\u009bpassword")) {
      ApiResponse r = server.admin().post("/users", new io.vertx.core.json.JsonObject()
          .put("username", "ctl-user").put("password", pw));
      assertEquals(400, r.status(), r::toString);
      assertEquals("application/problem+json", r.contentType());
      assertEquals("password", r.json().getString("field"), r::toString);
    }
    assertEquals(401, server.as("ctl-user", "long-enough-password").get("/me").status(), "nothing was created");
  }
}
