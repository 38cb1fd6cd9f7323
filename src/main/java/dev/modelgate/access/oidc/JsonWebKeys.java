package dev.modelgate.access.oidc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys (JWKS), fetched from its {@code jwks_uri} and kept by key id. A token signed
 * with an unknown key id triggers a re-fetch (key rotation), at most once per {@code minRefetchInterval},
 * so a flood of forged key ids cannot hammer the identity provider. The set is also refreshed after
 * {@code maxAge}. Only RSA signing keys are used.
 */
public final class JsonWebKeys {

  private static final Logger log = LoggerFactory.getLogger(JsonWebKeys.class);

  /** One signing key; {@code alg} is empty when the JWK does not pin an algorithm. */
  public record SigningKey(String kid, Optional<String> alg, PublicKey key) {}

  private final URI jwksUri;
  private final HttpClient http;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration minRefetchInterval;
  private final ReentrantLock fetchLock = new ReentrantLock();
  private volatile Map<String, SigningKey> keys = Map.of();
  private volatile long fetchedAtMillis = Long.MIN_VALUE / 2;

  public JsonWebKeys(URI jwksUri, HttpClient http, Clock clock, Duration maxAge, Duration minRefetchInterval) {
    this.jwksUri = jwksUri;
    this.http = http;
    this.clock = clock;
    this.maxAge = maxAge;
    this.minRefetchInterval = minRefetchInterval;
  }

  public static JsonWebKeys of(URI jwksUri, Clock clock) {
    return new JsonWebKeys(jwksUri, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock,
        Duration.ofMinutes(10), Duration.ofSeconds(10));
  }

  /** The key with this id, re-fetching the set when it is unknown or stale. */
  public Optional<SigningKey> key(String kid) {
    long now = clock.millis();
    SigningKey k = keys.get(kid);
    if (k != null && now - fetchedAtMillis < maxAge.toMillis()) {
      return Optional.of(k);
    }
    if (now - fetchedAtMillis >= minRefetchInterval.toMillis()) {
      refresh();
    }
    return Optional.ofNullable(keys.get(kid));
  }

  /** Fetches the key set now (one fetch at a time; callers that waited reuse its result). */
  public void refresh() {
    long before = fetchedAtMillis;
    fetchLock.lock();
    try {
      if (fetchedAtMillis != before && clock.millis() - fetchedAtMillis < minRefetchInterval.toMillis()) {
        return;
      }
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(10))
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      fetchedAtMillis = clock.millis();
      if (r.statusCode() != 200) {
        log.warn("JWKS fetch from {} answered {}", jwksUri, r.statusCode());
        return;
      }
      keys = parse(new JsonObject(r.body()));
      log.info("loaded {} signing key(s) from {}", keys.size(), jwksUri);
    } catch (IOException | RuntimeException e) {
      fetchedAtMillis = clock.millis();
      log.warn("JWKS fetch from {} failed: {}", jwksUri, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      fetchLock.unlock();
    }
  }

  static Map<String, SigningKey> parse(JsonObject jwks) {
    Map<String, SigningKey> out = new HashMap<>();
    JsonArray list = jwks.getJsonArray("keys", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject jwk)) {
        continue;
      }
      String use = jwk.getString("use");
      if (!"RSA".equals(jwk.getString("kty")) || (use != null && !use.equals("sig")) || jwk.getString("kid") == null) {
        continue;
      }
      try {
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        out.put(jwk.getString("kid"), new SigningKey(jwk.getString("kid"), Optional.ofNullable(jwk.getString("alg")),
            key));
      } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
        log.warn("ignoring unreadable JWK {}: {}", jwk.getString("kid"), e.toString());
      }
    }
    return Map.copyOf(out);
  }
}
