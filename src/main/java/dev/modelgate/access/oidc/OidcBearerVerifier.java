package dev.modelgate.access.oidc;

import dev.modelgate.access.AccessEpochs;
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
 *
 * <p>Roles come from the token's claims, so a change in Keycloak applies when a new token is issued. What
 * ModelGate itself revokes applies at the next request: each use compares the user's
 * {@link AccessEpochs access epoch} (one lookup by key) and, when it moved, refuses a token issued before
 * the user's last ModelGate sign-out.
 */
public final class OidcBearerVerifier implements Authenticator.BearerVerifier {

  private static final Logger log = LoggerFactory.getLogger(OidcBearerVerifier.class);
  static final Set<String> ACCESS_TOKEN_TYPES = Set.of("Bearer");

  private final JwtVerifier verifier;
  private final String audience;
  private final TeamRoleClaims roles;
  private final AccessEpochs epochs;
  private final ExpiringCache<String, Verified> verified;

  /** A verified token's principal, its issue time (epoch seconds) and the access epoch it was checked at. */
  private record Verified(Principal principal, long issuedAt, long expiresAtMillis, long epoch) {}

  public OidcBearerVerifier(JwtVerifier verifier, String audience, TeamRoleClaims roles, AccessEpochs epochs,
      Clock clock) {
    this.verifier = verifier;
    this.audience = audience;
    this.roles = roles;
    this.epochs = epochs;
    this.verified = new ExpiringCache<>(Duration.ofMinutes(15), 50_000, clock);
  }

  @Override
  public Optional<Principal> verify(String token) {
    if (token.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty();
    }
    String key = sha256(token);
    Optional<Verified> cached = verified.get(key);
    if (cached.isPresent()) {
      AccessEpochs.Epoch now = epochs.current(cached.get().principal().username());
      if (now.value() == cached.get().epoch()) {
        return Optional.of(cached.get().principal());
      }
      if (revoked(cached.get().issuedAt(), now)) {
        verified.remove(key);
        return Optional.empty();
      }
      Verified v = cached.get();
      verified.put(key, new Verified(v.principal(), v.issuedAt(), v.expiresAtMillis(), now.value()),
          v.expiresAtMillis());
      return Optional.of(v.principal());
    }
    try {
      return Optional.of(principal(token));
    } catch (InvalidTokenException e) {
      log.debug("bearer token refused: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Verifies an access token (bearer or from the pages' login) and caches its principal until it expires;
   * refused when ModelGate revoked the user's tokens issued before then (a sign-out).
   */
  public Principal principal(String accessToken) throws InvalidTokenException {
    JsonObject claims = verifier.verify(accessToken, audience, ACCESS_TOKEN_TYPES);
    Principal p = roles.principal(claims);
    AccessEpochs.Epoch epoch = epochs.current(p.username());
    long issuedAt = claims.getValue("iat") instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    if (revoked(issuedAt, epoch)) {
      throw new InvalidTokenException("token issued before the user signed out of ModelGate");
    }
    long expiresAt = JwtVerifier.expiresAtMillis(claims);
    verified.put(sha256(accessToken), new Verified(p, issuedAt, expiresAt, epoch.value()), expiresAt);
    return p;
  }

  /**
   * Whether the token was issued before the second of the user's last sign-out ({@code iat} has whole
   * seconds; a token issued in that very second is let through, so signing in again at once works). A token
   * without {@code iat} counts as issued before any sign-out.
   */
  private static boolean revoked(long issuedAtSeconds, AccessEpochs.Epoch epoch) {
    return epoch.oidcTokensRevokedUpTo().map(at -> issuedAtSeconds < at.getEpochSecond()).orElse(false);
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
