package dev.modelgate.pages;

import dev.modelgate.access.Principal;
import dev.modelgate.access.oidc.OidcClient;
import java.time.Instant;
import java.util.Optional;

/**
 * One browser session, kept in the store so that every replica sees it. The cookie holds a random id; the
 * store keys the session by the id's SHA-256. A session is anonymous (only a CSRF token, for the login
 * form), pending (an OIDC login under way: state, PKCE verifier, nonce) or signed in (principal, and the
 * OIDC tokens when it came from single sign-on).
 */
public record PageSession(String idHash, String csrfToken, Optional<Principal> principal,
    Optional<OidcClient.Tokens> tokens, Optional<PendingLogin> pending, Instant createdAt, Instant expiresAt) {

  /** An authorization-code login that has been sent to the identity provider and not come back yet. */
  public record PendingLogin(String state, String codeVerifier, String nonce, String returnTo) {}

  public PageSession withPrincipal(Principal p, Optional<OidcClient.Tokens> t) {
    return new PageSession(idHash, csrfToken, Optional.of(p), t, Optional.empty(), createdAt, expiresAt);
  }
}
