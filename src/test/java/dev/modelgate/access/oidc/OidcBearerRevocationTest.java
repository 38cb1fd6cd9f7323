package dev.modelgate.access.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.modelgate.access.AccessEpochs;
import dev.modelgate.access.Role;
import dev.modelgate.store.Store;
import dev.modelgate.support.Jwts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer JWTs are cached, but a ModelGate-side revocation (the user's sign-out) refuses the tokens issued up
 * to then at their next use, on every verifier sharing the store; a token issued afterwards works.
 */
class OidcBearerRevocationTest {

  static final String ISSUER = "https://idp.test/realms/modelgate";
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final KeyPair KEY = Jwts.rsaKeyPair();
  static HttpServer jwksServer;
  static Store store;
  static AccessEpochs epochs;

  @BeforeAll
  static void start() throws Exception {
    byte[] jwks = Jwts.jwks("k1", KEY).encode().getBytes(StandardCharsets.UTF_8);
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext("/jwks", ex -> {
      ex.sendResponseHeaders(200, jwks.length);
      ex.getResponseBody().write(jwks);
      ex.close();
    });
    jwksServer.start();
    store = Store.open(Optional.empty(), "modelgate", Files.createTempDirectory("modelgate-oidc-revoke-"));
    epochs = new AccessEpochs(store);
  }

  @AfterAll
  static void stop() {
    jwksServer.stop(0);
    store.close();
  }

  /** A verifier as one replica has it: its own caches, the shared store. */
  static OidcBearerVerifier replica() {
    URI jwksUri = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
    return new OidcBearerVerifier(new JwtVerifier(JsonWebKeys.of(jwksUri, CLOCK), ISSUER,
        java.time.Duration.ofSeconds(30), CLOCK), "modelgate", new TeamRoleClaims("groups", t -> true, t -> { }),
        epochs, CLOCK);
  }

  static String token(String user, Instant issuedAt) {
    return Jwts.rs256("k1", KEY, new JsonObject().put("iss", ISSUER).put("aud", "modelgate")
        .put("preferred_username", user).put("typ", "Bearer").put("iat", issuedAt.getEpochSecond())
        .put("exp", NOW.getEpochSecond() + 300).put("groups", new JsonArray().add("/teams/risk/engineer")));
  }

  @Test
  void aSignOutRefusesCachedTokensIssuedBeforeItOnEveryReplica() throws Exception {
    OidcBearerVerifier a = replica();
    OidcBearerVerifier b = replica();
    String before = token("ola", NOW.minusSeconds(60));
    assertEquals(Set.of(Role.ENGINEER), a.verify(before).orElseThrow().rolesIn("risk"));
    assertTrue(b.verify(before).isPresent(), "cached on both");

    epochs.revokeOidcTokens("ola", NOW.minusSeconds(10));

    assertTrue(a.verify(before).isEmpty());
    assertTrue(b.verify(before).isEmpty());
    assertThrows(InvalidTokenException.class, () -> replica().principal(before));
    String after = token("ola", NOW);
    assertTrue(a.verify(after).isPresent(), "a token issued after the sign-out works");
  }

  @Test
  void anotherUsersChangeLeavesACachedTokenAlone() {
    OidcBearerVerifier a = replica();
    String t = token("oscar", NOW.minusSeconds(60));
    assertTrue(a.verify(t).isPresent());
    epochs.changed("oscar");
    epochs.revokeOidcTokens("olga", NOW);
    assertTrue(a.verify(t).isPresent(), "a bump without a revocation of this user's tokens keeps it valid");
  }
}
