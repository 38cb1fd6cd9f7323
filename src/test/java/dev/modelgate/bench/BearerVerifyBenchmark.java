package dev.modelgate.bench;

import com.sun.net.httpserver.HttpServer;
import dev.modelgate.access.AccessEpochs;
import dev.modelgate.access.oidc.JsonWebKeys;
import dev.modelgate.access.oidc.JwtVerifier;
import dev.modelgate.access.oidc.OidcBearerVerifier;
import dev.modelgate.access.oidc.TeamRoleClaims;
import dev.modelgate.store.Store;
import dev.modelgate.support.Jwts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Cost of checking one bearer token (not a test): a full RS256 verification (signature, claims, roles)
 * against a cache hit keyed by the token's SHA-256 (with its access-epoch read from the store). Single thread, after warm-up.
 *
 * <p>{@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.modelgate.bench.BearerVerifyBenchmark}
 */
public final class BearerVerifyBenchmark {

  public static void main(String[] args) throws Exception {
    KeyPair key = Jwts.rsaKeyPair();
    byte[] jwks = Jwts.jwks("k1", key).encode().getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jwks", ex -> {
      ex.sendResponseHeaders(200, jwks.length);
      ex.getResponseBody().write(jwks);
      ex.close();
    });
    server.start();
    try (Store store = Store.open(Optional.empty(), "modelgate", Files.createTempDirectory("modelgate-bench-"))) {
      AccessEpochs epochs = new AccessEpochs(store);
      String issuer = "https://idp.test/realms/modelgate";
      Clock clock = Clock.systemUTC();
      JwtVerifier verifier = new JwtVerifier(JsonWebKeys.of(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"), clock), issuer,
          java.time.Duration.ofSeconds(30), clock);
      OidcBearerVerifier bearer = new OidcBearerVerifier(verifier, "modelgate",
          new TeamRoleClaims("groups", t -> true, t -> { }), epochs, clock);
      long now = Instant.now().getEpochSecond();
      String token = Jwts.rs256("k1", key, new JsonObject().put("iss", issuer).put("aud", "modelgate")
          .put("preferred_username", "bob").put("typ", "Bearer").put("iat", now).put("exp", now + 3600)
          .put("groups", new JsonArray(List.of("/teams/fraud-detection/engineer"))));
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        verifier.verify(token, "modelgate", Set.of("Bearer"));
        bearer.verify(token);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        verifier.verify(token, "modelgate", Set.of("Bearer"));
      }
      long full = System.nanoTime() - t0;
      t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        bearer.verify(token);
      }
      long cached = System.nanoTime() - t0;
      System.out.printf("full RS256 verification: %.1f us/token (%.0f/s per core)%n", full / 1e3 / n,
          n / (full / 1e9));
      System.out.printf("cache hit (SHA-256 of the token + lookup + access-epoch read): %.1f us/token (%.0f/s per core)%n",
          cached / 1e3 / n, n / (cached / 1e9));
    } finally {
      server.stop(0);
    }
  }
}
