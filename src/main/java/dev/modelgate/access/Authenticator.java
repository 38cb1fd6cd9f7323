package dev.modelgate.access;

import dev.modelgate.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Turns an {@code Authorization} header into a principal. HTTP Basic is checked against local accounts;
 * bearer tokens go to the registered {@link BearerVerifier}s (API tokens, OIDC) in order.
 */
public final class Authenticator {

  /** Verifies one kind of bearer token; empty when the token is not of its kind. */
  public interface BearerVerifier {
    Optional<Principal> verify(String token);
  }

  private final LocalAccounts localAccounts;
  private final List<BearerVerifier> bearerVerifiers;

  public Authenticator(LocalAccounts localAccounts, List<BearerVerifier> bearerVerifiers) {
    this.localAccounts = localAccounts;
    this.bearerVerifiers = List.copyOf(bearerVerifiers);
  }

  /**
   * The caller's principal; empty without credentials. Bad credentials are a 401 that says nothing about
   * whether the user exists.
   */
  public Optional<Principal> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      throw ProblemException.unauthorized("malformed Authorization header");
    }
    String scheme = authorization.substring(0, space);
    String value = authorization.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Basic")) {
      return Optional.of(basic(value));
    }
    if (scheme.equalsIgnoreCase("Bearer")) {
      for (BearerVerifier v : bearerVerifiers) {
        Optional<Principal> p = v.verify(value);
        if (p.isPresent()) {
          return p;
        }
      }
      throw ProblemException.unauthorized("invalid or expired bearer token");
    }
    throw ProblemException.unauthorized("unsupported authorization scheme '" + scheme + "'");
  }

  private Principal basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ProblemException.unauthorized("malformed Basic credentials");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw ProblemException.unauthorized("malformed Basic credentials");
    }
    String username = decoded.substring(0, colon);
    char[] password = decoded.substring(colon + 1).toCharArray();
    return localAccounts.verify(username, password)
        .orElseThrow(() -> ProblemException.unauthorized("invalid user name or password"));
  }
}
