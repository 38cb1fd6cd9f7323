package dev.modelgate.pages;

import dev.modelgate.access.AccessEpochs;
import dev.modelgate.access.Principal;
import dev.modelgate.access.oidc.InvalidTokenException;
import dev.modelgate.access.oidc.OidcBearerVerifier;
import dev.modelgate.access.oidc.OidcClient;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, finds and ends browser sessions, and keeps signed-in ones current: a local account's roles are
 * re-read (from a few-seconds cache), an OIDC session's access token is refreshed shortly before it
 * expires (and the session ends when the identity provider refuses the refresh, e.g. after a logout
 * there). Signing out of a single-sign-on session also revokes, at ModelGate, the user's access tokens
 * issued before then (a bearer token copied before the sign-out stops working at once). The session cookie is {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} over TLS.
 * Blocking: call from virtual threads.
 */
public final class PageSessions {

  public static final String COOKIE = "mg_session";
  /** The form field every state-changing form carries the session's CSRF token in. */
  public static final String CSRF_FIELD = "_csrf";
  /** The header an API call riding on the session cookie sends the CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final Duration ANONYMOUS_LIFETIME = Duration.ofMinutes(30);
  public static final Duration SIGNED_IN_LIFETIME = Duration.ofHours(10);
  public static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(PageSessions.class);

  private final PageSessionRepository repository;
  private final Optional<OidcClient> oidc;
  private final Optional<OidcBearerVerifier> tokens;
  private final Function<String, Optional<Principal>> localPrincipal;
  private final AccessEpochs epochs;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PageSessions(PageSessionRepository repository, Optional<OidcClient> oidc,
      Optional<OidcBearerVerifier> tokens, Function<String, Optional<Principal>> localPrincipal,
      AccessEpochs epochs, Clock clock) {
    this.epochs = epochs;
    this.repository = repository;
    this.oidc = oidc;
    this.tokens = tokens;
    this.localPrincipal = localPrincipal;
    this.clock = clock;
  }

  public void ensureIndexes() {
    repository.ensureIndexes();
  }

  /** Deletes expired sessions; run now and then (a scan on the embedded store, cheap on MongoDB). */
  public void sweepExpired() {
    long n = repository.deleteExpired(clock.instant());
    if (n > 0) {
      log.info("removed {} expired browser session(s)", n);
    }
  }

  /** A new session and the cookie value that names it. */
  public record Started(PageSession session, String cookieValue) {}

  public Optional<PageSession> find(String cookieValue) {
    if (cookieValue == null || cookieValue.length() < 20 || cookieValue.length() > 100) {
      return Optional.empty();
    }
    return repository.find(sha256(cookieValue), clock.instant());
  }

  public Started startAnonymous() {
    return start(Optional.empty(), Optional.empty(), Optional.empty(), ANONYMOUS_LIFETIME);
  }

  public Started startPending(PageSession.PendingLogin pending) {
    return start(Optional.empty(), Optional.empty(), Optional.of(pending), ANONYMOUS_LIFETIME);
  }

  /** A fresh session id for a signed-in user (never the pre-login id: no session fixation). */
  public Started startSignedIn(Principal p, Optional<OidcClient.Tokens> t) {
    return start(Optional.of(p), t, Optional.empty(), SIGNED_IN_LIFETIME);
  }

  public void end(PageSession s) {
    repository.delete(s.idHash());
  }

  /** The user's sign-out: ends the session and, for single sign-on, revokes the tokens issued before now. */
  public void signOut(PageSession s) {
    end(s);
    if (s.tokens().isPresent()) {
      s.principal().ifPresent(p -> epochs.revokeOidcTokens(p.username(), clock.instant()));
    }
  }

  /** The signed-in principal of this session, kept current; empty (and the session ended) when it lapsed. */
  public Optional<Principal> current(PageSession s) {
    if (s.principal().isEmpty()) {
      return Optional.empty();
    }
    Principal p = s.principal().get();
    if (s.tokens().isEmpty()) {
      Optional<Principal> fresh = localPrincipal.apply(p.username());
      if (fresh.isEmpty()) {
        end(s);
      }
      return fresh;
    }
    OidcClient.Tokens t = s.tokens().get();
    if (t.accessExpiresAt().isAfter(clock.instant().plus(REFRESH_AHEAD))) {
      return Optional.of(p);
    }
    return refresh(s, t);
  }

  private Optional<Principal> refresh(PageSession s, OidcClient.Tokens t) {
    if (t.refreshToken().isEmpty() || oidc.isEmpty() || tokens.isEmpty()) {
      end(s);
      return Optional.empty();
    }
    try {
      OidcClient.Tokens fresh = oidc.get().refresh(t.refreshToken().get());
      OidcClient.Tokens kept = new OidcClient.Tokens(fresh.accessToken(),
          fresh.refreshToken().or(t::refreshToken), fresh.idToken().or(t::idToken), fresh.accessExpiresAt());
      Principal p = tokens.get().principal(fresh.accessToken());
      repository.save(s.withPrincipal(p, Optional.of(kept)));
      return Optional.of(p);
    } catch (InvalidTokenException e) {
      log.warn("refreshed access token refused: {}", e.getMessage());
    } catch (Exception e) {
      log.info("session refresh refused by the identity provider; signing out: {}", e.getMessage());
    }
    end(s);
    return Optional.empty();
  }

  public Cookie cookie(String value, boolean secure) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secure);
  }

  public Cookie expiredCookie(boolean secure) {
    return cookie("", secure).setMaxAge(0);
  }

  public String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static boolean sameToken(String expected, String given) {
    return given != null && expected != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private Started start(Optional<Principal> p, Optional<OidcClient.Tokens> t,
      Optional<PageSession.PendingLogin> pending, Duration lifetime) {
    String id = randomToken();
    Instant now = clock.instant();
    PageSession s = new PageSession(sha256(id), randomToken(), p, t, pending, now, now.plus(lifetime));
    repository.save(s);
    return new Started(s, id);
  }

  public static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
