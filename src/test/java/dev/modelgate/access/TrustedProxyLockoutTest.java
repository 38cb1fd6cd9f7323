package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in lock-out counts per person and client address. Behind a trusted proxy (here the test's own
 * 127.0.0.1) the client address comes from X-Forwarded-For, so one locked-out client does not lock out
 * another; without MODELGATE_TRUSTED_PROXIES the header is ignored and every caller is the peer.
 */
class TrustedProxyLockoutTest {

  static TestServer proxied;
  static TestServer direct;

  @BeforeAll
  static void start() {
    proxied = TestServer.start(Map.of("MODELGATE_TRUSTED_PROXIES", "127.0.0.1"));
    direct = TestServer.start();
  }

  @AfterAll
  static void stop() {
    proxied.close();
    direct.close();
  }

  static ApiClient from(TestServer server, String user, String password, String forwardedFor) {
    return server.as(user, password).withHeader("X-Forwarded-For", forwardedFor);
  }

  static void failFiveTimes(TestServer server, String user, String forwardedFor) {
    for (int i = 0; i < LoginThrottle.DEFAULT_MAX_FAILURES; i++) {
      assertEquals(401, from(server, user, "wrong-password", forwardedFor).get("/me").status());
    }
  }

  @Test
  void behindATrustedProxyTheLockOutIsPerForwardedAddressAndAudited() {
    proxied.createUser("tp-ann", null, null);
    failFiveTimes(proxied, "tp-ann", "198.51.100.1, 203.0.113.7");
    assertEquals(429, from(proxied, "tp-ann", TestServer.PASSWORD, "203.0.113.7").get("/me").status());
    assertEquals(200, from(proxied, "tp-ann", TestServer.PASSWORD, "203.0.113.8").get("/me").status(),
        "another client behind the same proxy is not locked out");
    ApiResponse audit = proxied.admin().get("/audit?action=login.failed&actor=tp-ann");
    assertEquals(200, audit.status(), audit::toString);
    JsonArray items = audit.json().getJsonArray("items");
    assertEquals(LoginThrottle.DEFAULT_MAX_FAILURES, items.size(), audit::toString);
    assertEquals("203.0.113.7", items.getJsonObject(0).getJsonObject("details").getString("clientIp"));
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    direct.createUser("tp-bob", null, null);
    failFiveTimes(direct, "tp-bob", "203.0.113.7");
    assertEquals(429, from(direct, "tp-bob", TestServer.PASSWORD, "203.0.113.8").get("/me").status(),
        "a forged header does not escape the lock-out");
  }
}
