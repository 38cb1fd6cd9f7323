package dev.modelgate.access.oidc;

import dev.modelgate.config.Config;
import java.util.Optional;

/**
 * What the server needs to know about its OpenID Connect provider. The client id is the one the pages log
 * in with (a public client with PKCE, or a confidential one when a secret is set); the audience is what
 * bearer tokens must carry in {@code aud} (defaults to the client id).
 */
public record OidcSettings(String issuer, String clientId, Optional<String> clientSecret, String audience,
    String groupsClaim) {

  public static Optional<OidcSettings> from(Config config) {
    return config.oidcIssuer().map(issuer -> {
      String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
      String clientId = config.oidcClientId().orElse("modelgate");
      return new OidcSettings(trimmed, clientId, config.oidcClientSecret(), config.oidcAudience().orElse(clientId),
          config.oidcGroupsClaim());
    });
  }
}
