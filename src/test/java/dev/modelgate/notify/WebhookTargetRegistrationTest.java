package dev.modelgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook URLs are refused when a lead registers them, under the rule (and the switch) deliveries follow:
 * team webhooks at {@code url}, the workflow webhook of the team settings at {@code webhook.url}, each with
 * a 400 naming the field and nothing stored. One server refuses internal targets (the production default),
 * one allows them ({@code MODELGATE_WEBHOOK_ALLOW_PRIVATE=true}, as test receivers on loopback need).
 */
class WebhookTargetRegistrationTest {

  static final String SECRET = "a-shared-secret-of-some-length";
  /** A public address (TEST-NET-3) written as a literal, so no test depends on DNS. */
  static final String PUBLIC_URL = "https://203.0.113.10/hooks/modelgate";

  /** Internal targets in every spelling, credentials, and a name that does not resolve. */
  static final List<String> REFUSED = List.of("http://127.0.0.1/", "http://127.0.0.1:8080/hook",
      "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://017700000001/", "http://127.1/",
      "http://127.0.0.1./", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]:9000/", "http://[::ffff:127.0.0.1]/",
      "http://[::]/", "http://0.0.0.0/", "http://0/", "http://169.254.169.254/latest/meta-data/",
      "http://0xa9fea9fe/", "http://[::ffff:a9fe:a9fe]/", "http://[fe80::1]/", "http://10.0.0.5/",
      "http://172.16.0.1/", "http://192.168.1.1:8080/x", "http://[fd00::1]/", "http://100.64.0.1/",
      "http://localhost:8080/", "https://user:pw@203.0.113.10/hooks", "https://token@203.0.113.10/",
      "http://no-such-host.invalid/hook", "ftp://203.0.113.10/", "http://foo.0x10/");

  static TestServer refusing;
  static TestServer allowing;

  @BeforeAll
  static void start() {
    refusing = TestServer.start(Map.of("MODELGATE_WEBHOOK_ALLOW_PRIVATE", "false"));
    allowing = TestServer.start();
  }

  @AfterAll
  static void stop() {
    refusing.close();
    allowing.close();
  }

  static ApiClient leadOf(TestServer server, String team) {
    server.createTeam(team);
    return server.createUser("lead-" + team, team, List.of("lead"));
  }

  static ApiResponse register(ApiClient lead, String team, String url) {
    return lead.post("/teams/" + team + "/webhooks", new JsonObject().put("url", url).put("secret", SECRET));
  }

  static ApiResponse saveSettings(ApiClient lead, String team, String url, int officers) {
    return lead.put("/teams/" + team + "/settings", new JsonObject().put("complianceOfficers", officers)
        .put("webhook", new JsonObject().put("url", url).put("secret", SECRET)));
  }

  static void assertRefusedAt(String field, String url, ApiResponse r) {
    assertEquals(400, r.status(), url + " -> " + r);
    assertEquals("application/problem+json", r.contentType(), url);
    assertEquals(field, r.json().getString("field"), url + " -> " + r);
  }

  @Test
  void teamWebhooksToInternalTargetsAreRefusedAtRegistration() {
    ApiClient lead = leadOf(refusing, "hooks-refused");
    for (String url : REFUSED) {
      assertRefusedAt("url", url, register(lead, "hooks-refused", url));
    }
    assertEquals(0, lead.get("/teams/hooks-refused/webhooks").items().size(), "nothing stored");
    ApiResponse loopback = register(lead, "hooks-refused", "http://127.0.0.1:9/hook");
    assertTrue(loopback.json().getString("detail").contains("MODELGATE_WEBHOOK_ALLOW_PRIVATE"), loopback::toString);
    ApiResponse octal = register(lead, "hooks-refused", "http://0177.0.0.1/");
    assertTrue(octal.json().getString("detail").contains("127.0.0.1"), "names what it means: " + octal);

    ApiResponse ok = register(lead, "hooks-refused", PUBLIC_URL);
    assertEquals(201, ok.status(), ok::toString);
    assertEquals(1, lead.get("/teams/hooks-refused/webhooks").items().size());
  }

  @Test
  void theSettingsWebhookToInternalTargetsIsRefusedAndTheSettingsStayAsTheyWere() {
    ApiClient lead = leadOf(refusing, "settings-refused");
    assertEquals(200, saveSettings(lead, "settings-refused", PUBLIC_URL, 2).status());
    JsonObject before = lead.get("/teams/settings-refused/settings").json();
    for (String url : REFUSED) {
      assertRefusedAt("webhook.url", url, saveSettings(lead, "settings-refused", url, 3));
    }
    JsonObject after = lead.get("/teams/settings-refused/settings").json();
    assertEquals(before, after, "nothing stored");
    assertEquals(PUBLIC_URL, after.getJsonObject("webhook").getString("url"));
    assertEquals(2, after.getInteger("complianceOfficers"));
  }

  @Test
  void withTheSwitchOnInternalTargetsAreAcceptedButOtherSpellingsAndCredentialsAreNot() {
    ApiClient lead = leadOf(allowing, "hooks-allowed");
    for (String url : List.of("http://127.0.0.1:9/hook", "http://[::1]:9/hook", "http://localhost:9/hook",
        "http://10.0.0.5/hook")) {
      assertEquals(201, register(lead, "hooks-allowed", url).status(), url);
      assertEquals(200, saveSettings(lead, "hooks-allowed", url, 1).status(), url);
      assertEquals(url, lead.get("/teams/hooks-allowed/settings").json().getJsonObject("webhook").getString("url"));
    }
    for (String url : List.of("http://2130706433/", "http://0x7f000001/", "http://127.1/",
        "http://user:pw@127.0.0.1:9/hook", "http://no-such-host.invalid/")) {
      assertRefusedAt("url", url, register(lead, "hooks-allowed", url));
      assertRefusedAt("webhook.url", url, saveSettings(lead, "hooks-allowed", url, 1));
    }
    assertEquals(4, lead.get("/teams/hooks-allowed/webhooks").items().size());
    assertEquals("http://10.0.0.5/hook",
        lead.get("/teams/hooks-allowed/settings").json().getJsonObject("webhook").getString("url"));
  }
}
