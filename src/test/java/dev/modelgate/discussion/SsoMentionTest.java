package dev.modelgate.discussion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.Jwts;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mentions reach single-sign-on users: a stand-in OIDC issuer (discovery and JWKS) signs bearer tokens; a
 * Keycloak user who has called the API is in the user directory with the roles their token carried.
 */
class SsoMentionTest {

  static HttpServer issuerServer;
  static String issuer;
  static KeyPair key = Jwts.rsaKeyPair();
  static TestServer server;
  static ApiClient engineer;
  static String projectId;

  @BeforeAll
  static void start() throws Exception {
    issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
    issuer = base + "/realms/test";
    byte[] discovery = new JsonObject().put("issuer", issuer)
        .put("authorization_endpoint", issuer + "/protocol/openid-connect/auth")
        .put("token_endpoint", issuer + "/protocol/openid-connect/token")
        .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
        .encode().getBytes(StandardCharsets.UTF_8);
    byte[] jwks = Jwts.jwks("k1", key).encode().getBytes(StandardCharsets.UTF_8);
    issuerServer.createContext("/realms/test/.well-known/openid-configuration", ex -> reply(ex, discovery));
    issuerServer.createContext("/realms/test/protocol/openid-connect/certs", ex -> reply(ex, jwks));
    issuerServer.start();
    server = TestServer.start(Map.of("OIDC_ISSUER", issuer, "OIDC_CLIENT_ID", "modelgate"));
    server.createTeam("sso-a");
    server.createTeam("sso-b");
    engineer = server.createUser("erin", "sso-a", List.of("engineer"));
    ApiResponse p = server.admin().post("/teams/sso-a/projects",
        new JsonObject().put("slug", "fraud").put("name", "Fraud"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, byte[] body) throws java.io.IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    issuerServer.stop(0);
  }

  static ApiClient sso(String user, String... groups) {
    long now = Instant.now().getEpochSecond();
    String token = Jwts.rs256("k1", key, new JsonObject().put("iss", issuer).put("aud", "modelgate")
        .put("sub", "id-" + user).put("preferred_username", user).put("email", user + "@example.test")
        .put("typ", "Bearer").put("iat", now).put("exp", now + 3600).put("jti", user + now + groups.length)
        .put("groups", new JsonArray(List.of(groups))));
    return server.anonymous().withAuthorization("Bearer " + token);
  }

  static List<String> titles(ApiClient as) {
    ApiResponse r = as.get("/notifications");
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("title")).toList();
  }

  static void mention(String title, String text) {
    ApiResponse t = engineer.post("/threads?subject=project:" + projectId,
        new JsonObject().put("title", title).put("text", text));
    assertEquals(201, t.status(), t::toString);
  }

  @Test
  void ssoUsersWhoMaySeeTheSubjectAreNotified() {
    ApiClient vera = sso("vera", "/teams/sso-a/viewer");
    ApiClient otto = sso("otto", "/teams/sso-b/lead");
    assertEquals(List.of(), titles(vera), "first call: recorded in the directory");
    assertEquals(List.of(), titles(otto));

    mention("Drift", "@vera @otto @nina please look");

    assertTrue(titles(vera).contains("erin mentioned you in \u201cDrift\u201d"), () -> titles(vera).toString());
    assertFalse(titles(otto).stream().anyMatch(s -> s.contains("Drift")), "otto may not see team sso-a");
    // nina never signed in, so the server could not know she may see it (the documented limitation).
    assertFalse(titles(sso("nina", "/teams/sso-a/lead")).stream().anyMatch(s -> s.contains("Drift")));
  }

  @Test
  void aRoleRemovedInTheIdentityProviderStopsMentionsAfterTheNextRequest() {
    ApiClient before = sso("walt", "/teams/sso-a/product");
    assertEquals(200, before.get("/notifications").status());
    mention("First", "@walt one");
    assertTrue(titles(before).stream().anyMatch(s -> s.contains("First")));

    ApiClient after = sso("walt", "/teams/sso-b/viewer");
    assertEquals(200, after.get("/notifications").status());
    mention("Second", "@walt two");
    assertFalse(titles(after).stream().anyMatch(s -> s.contains("Second")), () -> titles(after).toString());
  }

  @Test
  void aTaskWaitingForARoleIsAnnouncedToSsoHoldersOfThatRole() throws InterruptedException {
    ApiClient pam = sso("pam", "/teams/sso-a/engineer");
    ApiClient vic = sso("vic", "/teams/sso-a/viewer");
    assertEquals(200, pam.get("/notifications").status());
    assertEquals(200, vic.get("/notifications").status());
    ApiResponse v = engineer.post("/projects/" + projectId + "/model-versions", new JsonObject().put("model", "fraud")
        .put("version", "1").put("metrics", new JsonObject().put("auc", 0.9)));
    assertEquals(201, v.status(), v::toString);
    ApiResponse wf = engineer.post("/model-versions/" + v.json().getString("id") + "/workflows",
        new JsonObject().put("type", "review"));
    assertEquals(201, wf.status(), wf::toString);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    List<String> kinds = List.of();
    while (System.nanoTime() < deadline) {
      kinds = pam.get("/notifications").json().getJsonArray("items").stream()
          .map(o -> ((JsonObject) o).getString("kind") + ":" + ((JsonObject) o).getString("title")).toList();
      if (kinds.stream().anyMatch(k -> k.startsWith("task:"))) {
        break;
      }
      Thread.sleep(50);
    }
    assertTrue(kinds.stream().anyMatch(k -> k.startsWith("task:") && k.contains("engineer")), kinds::toString);
    assertFalse(titles(vic).stream().anyMatch(t -> t.contains("waits for a engineer")
        || t.contains("waits for an engineer")), "a viewer does not hold the engineer role");
  }
}
