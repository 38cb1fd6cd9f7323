package dev.modelgate.access.oidc;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.KeycloakAuth;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server's OpenID Connect relying party, through {@code vertx-auth-oauth2}'s Keycloak provider: the
 * issuer's endpoints come from discovery; it builds the authorization URL (code flow with PKCE S256),
 * exchanges codes and refresh tokens at the token endpoint, and builds the RP-initiated logout URL.
 * It does not judge tokens: {@link JwtVerifier} does, strictly. Blocking methods run on virtual threads.
 */
public final class OidcClient {

  /** Tokens from the token endpoint; the access token's expiry comes from {@code expires_in}. */
  public record Tokens(String accessToken, Optional<String> refreshToken, Optional<String> idToken,
      Instant accessExpiresAt) {}

  private final OAuth2Auth oauth2;
  private final OAuth2Options options;
  private final OidcSettings settings;
  private final Clock clock;

  private OidcClient(OAuth2Auth oauth2, OAuth2Options options, OidcSettings settings, Clock clock) {
    this.oauth2 = oauth2;
    this.options = options;
    this.settings = settings;
    this.clock = clock;
  }

  /** Reads the issuer's discovery document (fails when the issuer cannot be reached or does not match). */
  public static OidcClient discover(Vertx vertx, OidcSettings settings, Clock clock) {
    OAuth2Options options = new OAuth2Options()
        .setSite(settings.issuer())
        .setClientId(settings.clientId())
        .setClientSecret(settings.clientSecret().orElse(null))
        .setValidateIssuer(true);
    OAuth2Auth auth;
    try {
      auth = KeycloakAuth.discover(vertx, options).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("OIDC discovery at " + settings.issuer() + " failed: " + e.getMessage(), e);
    }
    return new OidcClient(auth, options, settings, clock);
  }

  public String issuer() {
    return settings.issuer();
  }

  public URI jwksUri() {
    String path = options.getJwkPath();
    if (path == null) {
      throw new IllegalStateException("the issuer's discovery document has no jwks_uri");
    }
    return URI.create(path.startsWith("/") ? options.getSite() + path : path);
  }

  public String authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce) {
    return oauth2.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(redirectUri)
        .setState(state)
        .setScopes(List.of("openid", "profile", "email"))
        .setCodeChallenge(codeChallenge)
        .setCodeChallengeMethod("S256")
        .putAdditionalParameter("nonce", nonce));
  }

  public Tokens exchange(String code, String codeVerifier, String redirectUri) throws Exception {
    User user = oauth2.authenticate(new Oauth2Credentials()
        .setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(code)
        .setCodeVerifier(codeVerifier)
        .setRedirectUri(redirectUri)).await(30, TimeUnit.SECONDS);
    return tokens(user.principal());
  }

  public Tokens refresh(String refreshToken) throws Exception {
    User user = oauth2.refresh(User.create(new JsonObject().put("refresh_token", refreshToken)))
        .await(30, TimeUnit.SECONDS);
    return tokens(user.principal());
  }

  /** Keycloak's end-session URL, which ends the single-sign-on session and comes back to {@code after}. */
  public Optional<String> endSessionUrl(String idToken, String after) {
    return Optional.ofNullable(oauth2.endSessionURL(User.create(new JsonObject().put("id_token", idToken)),
        new JsonObject().put("post_logout_redirect_uri", after).put("client_id", settings.clientId())));
  }

  private Tokens tokens(JsonObject json) {
    String access = json.getString("access_token");
    if (access == null) {
      throw new IllegalStateException("token endpoint answered without an access token");
    }
    long expiresIn = json.getValue("expires_in") instanceof Number n ? n.longValue() : 60;
    return new Tokens(access, Optional.ofNullable(json.getString("refresh_token")),
        Optional.ofNullable(json.getString("id_token")), clock.instant().plusSeconds(expiresIn));
  }
}
