package dev.modelgate.access;

import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.kernel.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns an {@code Authorization} header into a principal. HTTP Basic is checked against local accounts
 * (rate-limited per user name and client address, failures audited); bearer tokens go to the registered
 * {@link BearerVerifier}s (API tokens, OIDC) in order. The pages' login form uses {@link #passwordLogin}
 * with the same throttle and audit.
 */
public final class Authenticator {

  /** Verifies one kind of bearer token; empty when the token is not of its kind or not valid. */
  public interface BearerVerifier {
    Optional<Principal> verify(String token);
  }

  /** How much of an attempted user name a failed sign-in's audit entry keeps. */
  static final int MAX_AUDITED_NAME = 100;

  private final LocalAccounts localAccounts;
  private final List<BearerVerifier> bearerVerifiers;
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  private final Consumer<Principal> sightings;

  public Authenticator(LocalAccounts localAccounts, List<BearerVerifier> bearerVerifiers) {
    this(localAccounts, bearerVerifiers, LoginThrottle.standard(Clock.systemUTC()), AuditTrail.NONE);
  }

  public Authenticator(LocalAccounts localAccounts, List<BearerVerifier> bearerVerifiers, LoginThrottle throttle,
      AuditTrail audit) {
    this(localAccounts, bearerVerifiers, throttle, audit, p -> { });
  }

  /** {@code sightings} hears of every authenticated principal (the {@link UserDirectory}); it must be cheap. */
  public Authenticator(LocalAccounts localAccounts, List<BearerVerifier> bearerVerifiers, LoginThrottle throttle,
      AuditTrail audit, Consumer<Principal> sightings) {
    this.localAccounts = localAccounts;
    this.bearerVerifiers = List.copyOf(bearerVerifiers);
    this.throttle = throttle;
    this.audit = audit;
    this.sightings = sightings;
  }

  /** Tells the directory that a principal from elsewhere (a browser session) made a request. */
  public Principal seen(Principal p) {
    sightings.accept(p);
    return p;
  }

  public Optional<Principal> authenticate(String authorization) {
    return authenticate(authorization, "-");
  }

  /**
   * The caller's principal; empty without credentials. Bad credentials are a 401 that says nothing about
   * whether the user exists; too many failures for one user name from one address are a 429.
   */
  public Optional<Principal> authenticate(String authorization, String clientIp) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      throw Refusal.unauthenticated("malformed Authorization header");
    }
    String scheme = authorization.substring(0, space);
    String value = authorization.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Basic")) {
      return Optional.of(seen(basic(value, clientIp)));
    }
    if (scheme.equalsIgnoreCase("Bearer")) {
      for (BearerVerifier v : bearerVerifiers) {
        Optional<Principal> p = v.verify(value);
        if (p.isPresent()) {
          return Optional.of(seen(p.get()));
        }
      }
      throw Refusal.unauthenticated("invalid or expired bearer token");
    }
    throw Refusal.unauthenticated("unsupported authorization scheme '" + scheme + "'");
  }

  /**
   * A password login (the pages' form): the principal, or empty for a wrong user name or password alike.
   * Throws 429 when the throttle refuses. Successes and failures are audited.
   */
  public Optional<Principal> passwordLogin(String username, char[] password, String clientIp, String channel) {
    String key = LoginThrottle.key(username, clientIp);
    throttle.check(key);
    Optional<Principal> p = localAccounts.verify(username, password);
    if (p.isEmpty()) {
      throttle.failed(key);
      String named = auditedName(username);
      audit.record(new AuditEvent(named, "login.failed", null, "account", named,
          Map.of("channel", channel, "clientIp", clientIp)));
      return Optional.empty();
    }
    throttle.succeeded(key);
    audit.record(new AuditEvent(username, "login", null, "account", username,
        Map.of("channel", channel, "clientIp", clientIp, "source", p.get().source())));
    seen(p.get());
    return p;
  }

  /** Records a login that another component verified (single sign-on). */
  public void recordLogin(Principal p, String clientIp, String channel) {
    seen(p);
    audit.record(new AuditEvent(p.username(), "login", null, "account", p.username(),
        Map.of("channel", channel, "clientIp", clientIp, "source", p.source())));
  }

  public void recordLogout(Principal p, String clientIp) {
    audit.record(new AuditEvent(p.username(), "logout", null, "account", p.username(),
        Map.of("clientIp", clientIp, "source", p.source())));
  }

  /**
   * The user name of a failed sign-in as the audit trail records it. It is whatever the client sent, not an
   * account's name: control characters (line breaks too: the trail is read in logs, CSV files, terminals)
   * and lone surrogates are written as {@code \\uXXXX} escapes, and it is cut at {@value #MAX_AUDITED_NAME}
   * characters, so the attempt is on record without its text becoming the trail's.
   */
  static String auditedName(String username) {
    StringBuilder b = new StringBuilder();
    username.codePoints().limit(MAX_AUDITED_NAME).forEach(cp -> {
      if (Character.isISOControl(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    if (username.codePointCount(0, username.length()) > MAX_AUDITED_NAME) {
      b.append('\u2026');
    }
    return b.toString();
  }

  private Principal basic(String encoded, String clientIp) {
    String decoded;
    try {
      // Strict UTF-8: a lenient decoder would turn different invalid bytes into the same U+FFFD.
      decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded))).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw Refusal.unauthenticated("malformed Basic credentials");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw Refusal.unauthenticated("malformed Basic credentials");
    }
    String username = decoded.substring(0, colon);
    char[] password = decoded.substring(colon + 1).toCharArray();
    String key = LoginThrottle.key(username, clientIp);
    throttle.check(key);
    Optional<Principal> p = localAccounts.verify(username, password);
    if (p.isEmpty()) {
      throttle.failed(key);
      String named = auditedName(username);
      audit.record(new AuditEvent(named, "login.failed", null, "account", named,
          Map.of("channel", "api-basic", "clientIp", clientIp)));
      throw Refusal.unauthenticated("invalid user name or password");
    }
    throttle.succeeded(key);
    return p.get();
  }
}
