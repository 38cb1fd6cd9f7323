package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API tokens page: a token created there works against the API with exactly the chosen roles, its value
 * is shown once, the service's refusals are shown at the form, and a revoke from the page stops it at once.
 */
class TokenPagesTest {

  private static final Pattern TOKEN = Pattern.compile("id=\"new-token\">(mgp_[A-Za-z0-9_-]+)<");
  private static final Pattern ROW = Pattern.compile("<tr data-token=\"([0-9a-f]{24})\">\\s*<td class=\"name\">([^<]*)<");

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("ml");
    server.createUser("erin", "ml", List.of("engineer", "product"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aTokenCreatedOnThePageWorksUntilItIsRevokedThere() {
    PageClient page = PageClient.signedIn(server, "erin");
    HttpResponse<String> empty = page.get("/tokens");
    assertEquals(200, empty.statusCode());
    assertTrue(empty.body().contains("id=\"no-tokens\""), empty.body());
    String csrf = PageClient.csrf(empty.body());

    HttpResponse<String> created = page.post("/tokens", form(csrf, "name=ci-pipeline", "team=ml", "roles=engineer",
        "expiresInDays=7"));
    assertEquals(201, created.statusCode(), created::body);
    Matcher m = TOKEN.matcher(created.body());
    assertTrue(m.find(), created.body());
    String value = m.group(1);

    ApiClient ci = server.anonymous().withAuthorization("Bearer " + value);
    ApiResponse me = ci.get("/me");
    assertEquals(200, me.status(), me::toString);
    assertEquals(new JsonArray().add("engineer"), me.json().getJsonObject("teams").getJsonArray("ml"),
        "the token carries only the chosen role");

    HttpResponse<String> later = page.get("/tokens");
    assertFalse(later.body().contains(value), "the value is shown only once");
    Matcher row = ROW.matcher(later.body());
    assertTrue(row.find(), later.body());
    assertEquals("ci-pipeline", row.group(2));
    String id = row.group(1);

    assertEquals(403, page.post("/tokens/" + id + "/revoke", Map.of()).statusCode(), "no CSRF token, no revoke");
    assertEquals(200, ci.get("/me").status());

    HttpResponse<String> revoked = page.post("/tokens/" + id + "/revoke", Map.of("_csrf", csrf));
    assertEquals(303, revoked.statusCode(), revoked::body);
    assertEquals(401, ci.get("/me").status(), "a revoked token stops working at once");
    HttpResponse<String> after = page.get("/tokens");
    assertTrue(after.body().contains("Token &#39;ci-pipeline&#39; revoked") || after.body().contains(
        "Token 'ci-pipeline' revoked"), after.body());
    assertTrue(after.body().contains("<td class=\"status\">revoked</td>"), after.body());

    assertEquals(404, page.post("/tokens/" + id + "x/revoke", Map.of("_csrf", csrf)).statusCode());
  }

  @Test
  void theServicesRefusalsAreShownAtTheFormAndNothingIsCreated() {
    PageClient page = PageClient.signedIn(server, "erin");
    String csrf = PageClient.csrf(page.get("/tokens").body());
    int before = server.as("erin").get("/tokens").items().size();

    HttpResponse<String> bad = page.post("/tokens", form(csrf, "name=", "team=ml", "expiresInDays=soon"));
    assertEquals(400, bad.statusCode(), bad::body);
    assertTrue(bad.body().contains("id=\"error-name\">is required<"), bad.body());
    assertTrue(bad.body().contains("id=\"error-expiresInDays\">must be a whole number<"), bad.body());
    assertTrue(bad.body().contains("value=\"soon\""), "what was typed is kept");

    HttpResponse<String> notHeld = page.post("/tokens", form(csrf, "name=too-strong", "team=ml", "roles=lead"));
    assertEquals(403, notHeld.statusCode(), notHeld::body);
    assertTrue(notHeld.body().contains("id=\"create-error\">a token cannot carry roles you do not hold: you lack lead"),
        notHeld.body());
    assertTrue(notHeld.body().contains("id=\"role-lead\" checked=\"checked\""), "the chosen roles stay checked");

    assertEquals(before, server.as("erin").get("/tokens").items().size());
  }

  /** A form body of "field=value" pairs and the CSRF token. */
  private static Map<String, String> form(String csrf, String... fields) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("_csrf", csrf);
    for (String f : fields) {
      int eq = f.indexOf('=');
      m.put(f.substring(0, eq), f.substring(eq + 1));
    }
    return m;
  }
}
