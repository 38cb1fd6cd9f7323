package dev.modelgate.access.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.modelgate.support.Jwts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The strict JWT checks against a JWKS endpoint served here, with tokens forged with our own keys. */
class JwtVerifierTest {

  static final String ISSUER = "https://idp.test/realms/modelgate";
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final KeyPair KEY = Jwts.rsaKeyPair();
  static final KeyPair OTHER_KEY = Jwts.rsaKeyPair();
  static final AtomicReference<JsonObject> served = new AtomicReference<>(Jwts.jwks("k1", KEY));
  static final AtomicInteger fetches = new AtomicInteger();
  static HttpServer jwksServer;
  static URI jwksUri;

  @BeforeAll
  static void serveJwks() throws IOException {
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext("/jwks", exchange -> {
      fetches.incrementAndGet();
      byte[] body = served.get().encode().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwksServer.start();
    jwksUri = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
  }

  @AfterAll
  static void stop() {
    jwksServer.stop(0);
  }

  static JwtVerifier verifier(Clock clock) {
    JsonWebKeys keys = new JsonWebKeys(jwksUri, HttpClient.newHttpClient(), clock, Duration.ofMinutes(10),
        Duration.ofSeconds(10));
    return new JwtVerifier(keys, ISSUER, Duration.ofSeconds(30), clock);
  }

  static JwtVerifier verifier() {
    return verifier(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static JsonObject claims() {
    return new JsonObject().put("iss", ISSUER).put("aud", new JsonArray().add("modelgate").add("account"))
        .put("sub", "u-1").put("preferred_username", "bob").put("typ", "Bearer")
        .put("iat", NOW.getEpochSecond() - 10).put("exp", NOW.getEpochSecond() + 300);
  }

  static void refused(String token, String why) {
    InvalidTokenException e = assertThrows(InvalidTokenException.class,
        () -> verifier().verify(token, "modelgate", Set.of("Bearer")));
    assertTrue(e.getMessage().contains(why), () -> "expected '" + why + "' in: " + e.getMessage());
  }

  @Test
  void acceptsAValidToken() throws Exception {
    JsonObject c = verifier().verify(Jwts.rs256("k1", KEY, claims()), "modelgate", Set.of("Bearer"));
    assertEquals("bob", c.getString("preferred_username"));
  }

  @Test
  void refusesWrongIssuerAudienceAndMissingAudience() {
    refused(Jwts.rs256("k1", KEY, claims().put("iss", "https://evil.test/realms/modelgate")), "issuer");
    refused(Jwts.rs256("k1", KEY, claims().put("aud", "some-other-api")), "audience");
    JsonObject noAud = claims();
    noAud.remove("aud");
    refused(Jwts.rs256("k1", KEY, noAud), "audience");
  }

  @Test
  void refusesExpiredTokensBeyondTheSkewOnly() throws Exception {
    refused(Jwts.rs256("k1", KEY, claims().put("exp", NOW.getEpochSecond() - 31)), "expired");
    verifier().verify(Jwts.rs256("k1", KEY, claims().put("exp", NOW.getEpochSecond() - 20)), "modelgate",
        Set.of("Bearer"));
    JsonObject noExp = claims();
    noExp.remove("exp");
    refused(Jwts.rs256("k1", KEY, noExp), "no expiry");
    refused(Jwts.rs256("k1", KEY, claims().put("nbf", NOW.getEpochSecond() + 120)), "not valid before");
  }

  @Test
  void refusesForgedSignaturesAndAlgorithms() {
    String good = Jwts.rs256("k1", KEY, claims());
    refused(Jwts.flipSignatureByte(good), "bad signature");
    refused(Jwts.withClaims(good, claims().put("preferred_username", "admin")), "bad signature");
    refused(Jwts.rs256("k1", OTHER_KEY, claims()), "bad signature");
    refused(Jwts.unsigned("k1", claims()), "algorithm 'none'");
    refused(Jwts.hs256WithPublicKey("k1", KEY, claims()), "algorithm 'HS256'");
    refused("not-a-jwt", "not a signed JWT");
  }

  @Test
  void refusesOtherTokenTypes() {
    refused(Jwts.rs256("k1", KEY, claims().put("typ", "Refresh")), "token type");
    refused(Jwts.rs256("k1", KEY, claims().put("typ", "ID")), "token type");
  }

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void picksUpRotatedKeysAndLimitsRefetches() throws Exception {
    MovingClock clock = new MovingClock(NOW);
    JwtVerifier v = verifier(clock);
    int before = fetches.get();
    v.verify(Jwts.rs256("k1", KEY, claims()), "modelgate", Set.of("Bearer"));
    for (int i = 0; i < 50; i++) {
      v.verify(Jwts.rs256("k1", KEY, claims()), "modelgate", Set.of("Bearer"));
    }
    assertEquals(before + 1, fetches.get(), "known keys are fetched once");
    // A flood of unknown key ids does not hammer the JWKS endpoint.
    for (int i = 0; i < 20; i++) {
      String forged = Jwts.rs256("bogus-" + i, OTHER_KEY, claims());
      assertThrows(InvalidTokenException.class, () -> v.verify(forged, "modelgate", Set.of("Bearer")));
    }
    assertEquals(before + 1, fetches.get(), "no refetch within the minimum interval");
    // Rotation: the issuer now publishes k2 only; a token signed with k2 makes the verifier refetch.
    served.set(Jwts.jwks("k2", OTHER_KEY));
    try {
      clock.advance(Duration.ofSeconds(11));
      JsonObject c = v.verify(Jwts.rs256("k2", OTHER_KEY, claims()), "modelgate", Set.of("Bearer"));
      assertEquals("bob", c.getString("preferred_username"));
      assertEquals(before + 2, fetches.get());
      refusedBy(v, Jwts.rs256("k1", KEY, claims()), "unknown key id");
    } finally {
      served.set(Jwts.jwks("k1", KEY));
    }
  }

  static void refusedBy(JwtVerifier v, String token, String why) {
    InvalidTokenException e = assertThrows(InvalidTokenException.class,
        () -> v.verify(token, "modelgate", Set.of("Bearer")));
    assertTrue(e.getMessage().contains(why), () -> "expected '" + why + "' in: " + e.getMessage());
  }
}
