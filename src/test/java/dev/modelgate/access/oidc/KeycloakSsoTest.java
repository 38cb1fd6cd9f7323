package dev.modelgate.access.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.Jwts;
import dev.modelgate.support.KeycloakServer;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.File;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Single sign-on against a real Keycloak (started once for this class, with the realm from
 * {@code docker/keycloak}): bearer tokens from the password and client-credentials grants carry the right
 * team roles; forged and mismatched tokens are refused; a headless Chromium signs in through Keycloak's
 * login page, lands on the dashboard, and signing out ends the Keycloak session too.
 * Skipped only with {@code -DskipIT=true}; if Keycloak cannot start, the class fails.
 */
class KeycloakSsoTest {

  static KeycloakServer keycloak;
  static TestServer server;

  @BeforeAll
  static void start() {
    Assumptions.assumeFalse(Boolean.getBoolean("modelgate.skipIT"), "integration tests switched off (-DskipIT)");
    int port = KeycloakServer.freePort();
    String base = "http://127.0.0.1:" + port;
    keycloak = KeycloakServer.start(base);
    server = TestServer.start(Map.of(
        "MODELGATE_HTTP_PORT", Integer.toString(port),
        "OIDC_ISSUER", keycloak.issuer(),
        "OIDC_CLIENT_ID", "modelgate-web",
        "OIDC_AUDIENCE", "modelgate",
        "MODELGATE_PUBLIC_URL", base));
    server.createTeam("fraud-detection");
    server.createTeam("credit-risk");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  static ApiClient bearer(String token) {
    return server.anonymous().withAuthorization("Bearer " + token);
  }

  static JsonObject me(String token) {
    ApiResponse r = bearer(token).get("/me");
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  @Test
  void passwordGrantTokensCarryTheTeamRoles() {
    String bob = keycloak.passwordGrant("bob", "demo");
    assertTrue(Jwts.claims(bob).getValue("aud").toString().contains("modelgate"), "audience mapper works");
    JsonObject me = me(bob);
    assertEquals("bob", me.getString("username"));
    assertEquals("oidc", me.getString("source"));
    assertFalse(me.getBoolean("admin"));
    assertEquals(new JsonObject().put("fraud-detection", new JsonArray(List.of("engineer"))), me.getJsonObject("teams"));
    assertEquals(200, bearer(bob).get("/teams/fraud-detection").status());
    assertEquals(404, bearer(bob).get("/teams/credit-risk").status());

    JsonObject heidi = me(keycloak.passwordGrant("heidi", "demo"));
    assertEquals(new JsonObject()
        .put("credit-risk", new JsonArray(List.of("engineer", "lead")))
        .put("fraud-detection", new JsonArray(List.of("product"))), heidi.getJsonObject("teams"));

    String grace = keycloak.passwordGrant("grace", "demo");
    assertTrue(me(grace).getBoolean("admin"), "realm role modelgate-admin is the platform admin");
    assertEquals(200, bearer(grace).get("/teams/credit-risk").status());

    for (String user : List.of("alice", "carol", "dave", "erin", "frank")) {
      JsonObject m = me(keycloak.passwordGrant(user, "demo"));
      assertEquals(1, m.getJsonObject("teams").getJsonArray("fraud-detection").size(), user);
    }
    assertEquals(new JsonArray(List.of("lead")),
        me(keycloak.passwordGrant("dave", "demo")).getJsonObject("teams").getJsonArray("fraud-detection"));
  }

  @Test
  void ciServiceAccountWorksThroughClientCredentials() {
    String token = keycloak.token(keycloak.baseUrl(), Map.of("grant_type", "client_credentials",
        "client_id", "modelgate-ci", "client_secret", "modelgate-ci-dev-secret")).getString("access_token");
    JsonObject me = me(token);
    assertEquals("service-account-modelgate-ci", me.getString("username"));
    assertEquals(new JsonArray(List.of("engineer")), me.getJsonObject("teams").getJsonArray("fraud-detection"));
  }

  @Test
  void refusesWrongIssuerAudienceTamperingAndAlgNone() {
    String real = keycloak.passwordGrant("bob", "demo");
    assertEquals(200, bearer(real).get("/me").status(), "control: the real token works");

    // Wrong issuer: a genuine Keycloak token, requested under another host name, so iss differs.
    String otherIssuer = keycloak.token("http://localhost:" + keycloak.port(), Map.of("grant_type", "password",
        "client_id", "modelgate", "client_secret", "modelgate-dev-secret", "username", "bob", "password", "demo"))
        .getString("access_token");
    assertNotEquals(Jwts.claims(real).getString("iss"), Jwts.claims(otherIssuer).getString("iss"));
    assertEquals(401, bearer(otherIssuer).get("/me").status(), "wrong issuer");

    // Wrong audience: a genuine token of the realm's admin-cli client, which has no audience mapper.
    String adminCli = keycloak.token(keycloak.baseUrl(), Map.of("grant_type", "password", "client_id", "admin-cli",
        "username", "bob", "password", "demo")).getString("access_token");
    assertFalse(String.valueOf(Jwts.claims(adminCli).getValue("aud")).contains("modelgate"));
    assertEquals(401, bearer(adminCli).get("/me").status(), "wrong audience");

    // Tampered: escalated claims under the original signature; a flipped signature byte.
    JsonObject escalated = Jwts.claims(real).put("groups", new JsonArray(List.of("/teams/credit-risk/lead")));
    assertEquals(401, bearer(Jwts.withClaims(real, escalated)).get("/me").status(), "tampered claims");
    assertEquals(401, bearer(Jwts.flipSignatureByte(real)).get("/me").status(), "tampered signature");

    // alg none with the real claims and key id; HS256 keyed with a public key; our own key.
    String kid = Jwts.header(real).getString("kid");
    assertEquals(401, bearer(Jwts.unsigned(kid, Jwts.claims(real))).get("/me").status(), "alg none");
    KeyPair own = Jwts.rsaKeyPair();
    assertEquals(401, bearer(Jwts.hs256WithPublicKey(kid, own, Jwts.claims(real))).get("/me").status(), "HS256");
    assertEquals(401, bearer(Jwts.rs256(kid, own, Jwts.claims(real))).get("/me").status(), "untrusted key");
  }

  /**
   * A key of ours, added to the realm's keys (lowest priority, so Keycloak keeps signing with its own):
   * the server must pick it up from the JWKS (key rotation), and then only the claims decide.
   */
  @Test
  void claimChecksWithATrustedKeyAndKeyRotation() throws Exception {
    KeyPair ours = Jwts.rsaKeyPair();
    String realmId = new JsonObject(keycloak.adminGet("").body()).getString("id");
    HttpResponse<String> added = keycloak.adminPost("/components", new JsonObject()
        .put("name", "test-forging-key").put("providerId", "rsa").put("providerType", "org.keycloak.keys.KeyProvider")
        .put("parentId", realmId).put("config", new JsonObject()
            .put("priority", new JsonArray(List.of("-100"))).put("enabled", new JsonArray(List.of("true")))
            .put("active", new JsonArray(List.of("true"))).put("algorithm", new JsonArray(List.of("RS256")))
            .put("privateKey", new JsonArray(List.of(
                Base64.getEncoder().encodeToString(ours.getPrivate().getEncoded()))))));
    assertEquals(201, added.statusCode(), added::body);
    String componentId = added.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    String kid = null;
    for (Object k : new JsonObject(keycloak.adminGet("/keys").body()).getJsonArray("keys")) {
      JsonObject key = (JsonObject) k;
      if (componentId.equals(key.getString("providerId"))) {
        kid = key.getString("kid");
      }
    }
    assertTrue(kid != null, "Keycloak lists the added key");

    long now = Instant.now().getEpochSecond();
    JsonObject valid = Jwts.claims(keycloak.passwordGrant("erin", "demo"))
        .put("iat", now).put("exp", now + 300).put("preferred_username", "forged-erin");
    // Rotation: the server fetched the JWKS before the key existed; it re-fetches for an unknown key id
    // (at most every 10 s), so poll until the valid token signed with the new key is accepted.
    String validToken = Jwts.rs256(kid, ours, valid);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
    int status = 0;
    while (Instant.now().isBefore(deadline) && (status = bearer(validToken).get("/me").status()) != 200) {
      Thread.sleep(500);
    }
    assertEquals(200, status, "a token signed with the rotated-in key is accepted");
    assertEquals("forged-erin", bearer(validToken).get("/me").json().getString("username"));

    assertEquals(401, bearer(Jwts.rs256(kid, ours, valid.copy().put("exp", now - 120).put("iat", now - 600)))
        .get("/me").status(), "expired");
    assertEquals(200, bearer(Jwts.rs256(kid, ours, valid.copy().put("exp", now - 5).put("iat", now - 600)))
        .get("/me").status(), "within the clock skew");
    assertEquals(401, bearer(Jwts.rs256(kid, ours, valid.copy().put("aud", "account"))).get("/me").status(),
        "wrong audience");
    JsonObject noAud = valid.copy();
    noAud.remove("aud");
    assertEquals(401, bearer(Jwts.rs256(kid, ours, noAud)).get("/me").status(), "no audience");
    assertEquals(401, bearer(Jwts.rs256(kid, ours, valid.copy().put("iss", "http://evil.example/realms/modelgate")))
        .get("/me").status(), "wrong issuer");
    assertEquals(401, bearer(Jwts.rs256(kid, ours, valid.copy().put("typ", "Refresh"))).get("/me").status(),
        "refresh token as bearer");
    assertEquals(401, bearer(Jwts.unsigned(kid, valid)).get("/me").status(), "alg none");
  }

  @Test
  void browserSignsInThroughKeycloakAndSignsOutEverywhere() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(server.baseUrl() + "/dashboard");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
      assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuer()), browser.getCurrentUrl());
      assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE S256");
      browser.findElement(By.id("username")).sendKeys("heidi");
      browser.findElement(By.id("password")).sendKeys("demo");
      browser.findElement(By.id("kc-login")).click();

      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("teams")));
      assertEquals(server.baseUrl() + "/dashboard", browser.getCurrentUrl());
      assertEquals("Heidi Both-Teams", browser.findElement(By.id("display-name")).getText());
      assertEquals("heidi", browser.findElement(By.id("username")).getText());
      assertEquals("engineer, lead",
          browser.findElement(By.cssSelector("tr[data-team='credit-risk'] .roles")).getText());
      assertEquals("product",
          browser.findElement(By.cssSelector("tr[data-team='fraud-detection'] .roles")).getText());
      var cookie = browser.manage().getCookieNamed("mg_session");
      assertTrue(cookie.isHttpOnly(), "session cookie is HttpOnly");
      assertEquals("Lax", cookie.getSameSite());
      assertEquals(1, keycloak.userSessions("heidi").size(), "one Keycloak session");

      // Refresh before expiry: the stored access token is made to look about to expire; the next page
      // view refreshes it at Keycloak and keeps the session.
      var sessions = server.server().store().collection("page_sessions");
      Document before = sessions.find(Filters.eq("principal.username", "heidi")).first();
      String oldAccess = before.get("tokens", Document.class).getString("access");
      sessions.updateOne(Filters.eq("_id", before.get("_id")), Updates.set("tokens.accessExpiresAt", new Date()));
      browser.navigate().refresh();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("teams")));
      Document after = sessions.find(Filters.eq("_id", before.get("_id"))).first();
      Document tokens = after.get("tokens", Document.class);
      assertNotEquals(oldAccess, tokens.getString("access"), "a new access token");
      assertTrue(tokens.getDate("accessExpiresAt").toInstant().isAfter(Instant.now().plusSeconds(60)));

      browser.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logged-out")));
      assertEquals(server.baseUrl() + "/logged-out", browser.getCurrentUrl());
      assertEquals(0, keycloak.userSessions("heidi").size(), "the Keycloak session ended too");

      // Signing in again needs the password: no single-sign-on session is left at Keycloak.
      browser.get(server.baseUrl() + "/dashboard");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
      assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuer()), browser.getCurrentUrl());
    } finally {
      browser.quit();
    }
  }
}
