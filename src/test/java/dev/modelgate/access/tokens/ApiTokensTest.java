package dev.modelgate.access.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Personal API tokens through the HTTP API: scope, revocation, and the value never kept in clear. */
class ApiTokensTest {

  static TestServer server;
  static ApiClient creator;
  static ApiClient other;
  static ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    server = TestServer.start();
    server.createTeam("alpha");
    server.createTeam("beta");
    creator = server.createUser("tina", "alpha", List.of("engineer", "lead"));
    other = server.createUser("olaf", "alpha", List.of("engineer"));
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    server.close();
  }

  static JsonObject request(String team, String... roles) {
    return new JsonObject().put("name", "ci-" + team).put("team", team).put("roles", new JsonArray(List.of(roles)))
        .put("expiresInDays", 7);
  }

  static JsonObject create(JsonObject request) {
    ApiResponse r = creator.post("/tokens", request);
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  static ApiClient bearer(String token) {
    return server.anonymous().withAuthorization("Bearer " + token);
  }

  @Test
  void tokenCarriesOnlyItsRolesInItsTeam() {
    JsonObject created = create(request("alpha", "engineer"));
    String value = created.getString("token");
    assertTrue(value.startsWith("mgp_") && value.length() > 40, value);
    JsonObject me = bearer(value).get("/me").json();
    assertEquals("tina", me.getString("username"));
    assertEquals("api-token", me.getString("source"));
    assertEquals(new JsonObject().put("alpha", new JsonArray(List.of("engineer"))), me.getJsonObject("teams"));
    // The creator is also lead in alpha, the token is not: no project creation with it.
    assertEquals(403, bearer(value).post("/teams/alpha/projects",
        new JsonObject().put("slug", "by-token").put("name", "x")).status());
    assertEquals(201, creator.post("/teams/alpha/projects",
        new JsonObject().put("slug", "by-tina").put("name", "x")).status());
    assertEquals(404, bearer(value).get("/teams/beta").status());
  }

  @Test
  void scopeIsNeverWiderThanTheCreator() {
    ApiResponse foreignRole = creator.post("/tokens", request("alpha", "engineer", "compliance"));
    assertEquals(403, foreignRole.status(), foreignRole::toString);
    assertTrue(foreignRole.json().getString("detail").contains("compliance"));
    assertEquals(403, creator.post("/tokens", request("beta", "viewer")).status(), "no roles in beta");
    assertEquals(403, server.admin().post("/tokens", request("alpha", "lead")).status(),
        "the platform admin holds no team roles to hand out");
    String token = create(request("alpha", "engineer", "lead")).getString("token");
    assertEquals(403, bearer(token).post("/tokens", request("alpha", "engineer")).status(),
        "a token cannot mint tokens");
    ApiResponse invalid = creator.post("/tokens", new JsonObject().put("team", "alpha").put("roles", new JsonArray())
        .put("expiresInDays", 1000));
    assertEquals(400, invalid.status());
    assertEquals(List.of("name", "roles", "expiresInDays"), invalid.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList());
  }

  @Test
  void revokedTokenIsRefusedAndOnlyTheOwnerRevokes() {
    JsonObject created = create(request("alpha", "engineer"));
    String id = created.getString("id");
    String value = created.getString("token");
    assertEquals(200, bearer(value).get("/me").status());

    JsonArray listed = creator.get("/tokens").items();
    JsonObject mine = listed.stream().map(o -> (JsonObject) o).filter(t -> t.getString("id").equals(id))
        .findFirst().orElseThrow();
    assertNull(mine.getValue("token"), "the value is shown only once");
    assertFalse(other.get("/tokens").body().contains(id), "others do not see it");
    assertEquals(404, other.delete("/tokens/" + id).status(), "others cannot revoke it");
    assertEquals(200, bearer(value).get("/me").status());

    assertEquals(204, creator.delete("/tokens/" + id).status());
    ApiResponse after = bearer(value).get("/me");
    assertEquals(401, after.status(), "revoked at once on this replica");
    assertEquals("application/problem+json", after.contentType());
    assertTrue(creator.get("/tokens").body().contains("\"revokedAt\":\"20"));
  }

  @Test
  void expiredTokenIsRefused() {
    String value = "mgp_expired-token-value-for-the-test-000000000000";
    server.server().store().collection(ApiTokenRepository.COLLECTION).insertOne(new Document("_id",
        "0000000000000000000000aa").append("hash", ApiTokens.hash(value)).append("owner", "tina")
        .append("name", "old").append("team", "alpha").append("roles", List.of("engineer"))
        .append("createdAt", Date.from(Instant.now().minusSeconds(7200)))
        .append("expiresAt", Date.from(Instant.now().minusSeconds(60))).append("revokedAt", null));
    assertEquals(401, bearer(value).get("/me").status());
    assertEquals(401, bearer("mgp_never-issued").get("/me").status());
  }

  @Test
  void valueIsStoredOnlyAsAHashAndNeverLogged() {
    JsonObject created = create(request("alpha", "engineer"));
    String value = created.getString("token");
    assertEquals(200, bearer(value).get("/teams/alpha").status());
    String secretPart = value.substring(4);
    int documents = 0;
    for (Document d : server.server().store().collection(ApiTokenRepository.COLLECTION).find()) {
      documents++;
      assertFalse(d.toJson().contains(secretPart), "a stored document contains a token value: " + d.toJson());
    }
    assertTrue(documents >= 1);
    Document stored = server.server().store().collection(ApiTokenRepository.COLLECTION)
        .find(new Document("_id", created.getString("id"))).first();
    assertEquals(ApiTokens.hash(value), stored.getString("hash"));
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      assertFalse(e.getFormattedMessage().contains(secretPart), "logged: " + e.getFormattedMessage());
    }
    assertTrue(logs.list.size() > 3, "the log capture works");
  }
}
