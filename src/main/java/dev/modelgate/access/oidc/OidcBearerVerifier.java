package dev.modelgate.access.oidc;

import dev.modelgate.access.Authenticator;
import dev.modelgate.access.ExpiringCache;
import dev.modelgate.access.Principal;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code Authorization: Bearer <JWT>} access tokens from the OIDC issuer. Verifying RS256 on every
 * request would cost most of the API's throughput, so a verified token's principal is cached under the
 * SHA-256 of the token (never the token itself) until the token expires, bounded in size and age.
 */
public final class OidcBearerVerifier implements Authenticator.BearerVerifier {

  private static final Logger log = LoggerFactory.getLogger(OidcBearerVerifier.class);
  static final Set<String> ACCESS_TOKEN_TYPES = Set.of("Bearer");

  private final JwtVerifier verifier;
  private final String audience;
  private final TeamRoleClaims roles;
  private final ExpiringCache<String, Principal> verified;

  public OidcBearerVerifier(JwtVerifier verifier, String audience, TeamRoleClaims roles, Clock clock) {
    this.verifier = verifier;
    this.audience = audience;
    this.roles = roles;
    this.verified = new ExpiringCache<>(Duration.ofMinutes(15), 50_000, clock);
  }

  @Override
  public Optional<Principal> verify(String token) {
    if (token.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty();
    }
    String key = sha256(token);
    Optional<Principal> cached = verified.get(key);
    if (cached.isPresent()) {
      return cached;
    }
    try {
      Optional<Principal> p = Optional.of(principal(token));
      return p;
    } catch (InvalidTokenException e) {
      log.debug("bearer token refused: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Verifies an access token (bearer or from the pages' login) and caches its principal until it expires. */
  public Principal principal(String accessToken) throws InvalidTokenException {
    JsonObject claims = verifier.verify(accessToken, audience, ACCESS_TOKEN_TYPES);
    Principal p = roles.principal(claims);
    verified.put(sha256(accessToken), p, JwtVerifier.expiresAtMillis(claims));
    return p;
  }

  public int cachedTokens() {
    return verified.size();
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
