package dev.modelgate.access.oidc;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a signed JWT strictly: three parts; an RSA algorithm from an allow-list (never {@code none},
 * never HMAC, so a public key cannot be abused as a shared secret); the key found by {@code kid} in the
 * issuer's JWKS (and, when the key pins an algorithm, the same one); the signature; then {@code iss}
 * exactly, {@code aud} containing the expected audience (a token without {@code aud} fails), {@code exp}
 * required and {@code nbf}/{@code iat} checked with a small clock skew, and the Keycloak token type.
 */
public final class JwtVerifier {

  private static final Map<String, String> ALGORITHMS = Map.of(
      "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA",
      "PS256", "RSASSA-PSS", "PS384", "RSASSA-PSS", "PS512", "RSASSA-PSS");

  private final JsonWebKeys keys;
  private final String issuer;
  private final Duration skew;
  private final Clock clock;

  public JwtVerifier(JsonWebKeys keys, String issuer, Duration skew, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.skew = skew;
    this.clock = clock;
  }

  /**
   * The claims of a valid token for {@code audience}; {@code types} lists the accepted values of
   * Keycloak's {@code typ} claim (a token without one is accepted).
   */
  public JsonObject verify(String jwt, String audience, Set<String> types) throws InvalidTokenException {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("not a signed JWT (" + parts.length + " parts)");
    }
    JsonObject header = json(parts[0], "header");
    String alg = header.getValue("alg") instanceof String a ? a : "";
    String javaAlg = ALGORITHMS.get(alg);
    if (javaAlg == null) {
      throw new InvalidTokenException("algorithm '" + alg + "' is not accepted");
    }
    if (header.containsKey("crit")) {
      throw new InvalidTokenException("critical header extensions are not supported");
    }
    String kid = header.getValue("kid") instanceof String k ? k : null;
    if (kid == null) {
      throw new InvalidTokenException("no key id");
    }
    JsonWebKeys.SigningKey key = keys.key(kid)
        .orElseThrow(() -> new InvalidTokenException("unknown key id '" + kid + "'"));
    if (key.alg().isPresent() && !key.alg().get().equals(alg)) {
      throw new InvalidTokenException("key '" + kid + "' is for " + key.alg().get() + ", token says " + alg);
    }
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("unreadable signature");
    }
    if (!signatureValid(alg, javaAlg, key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
        signature)) {
      throw new InvalidTokenException("bad signature");
    }
    JsonObject claims = json(parts[1], "payload");
    checkClaims(claims, audience, types);
    return claims;
  }

  private void checkClaims(JsonObject claims, String audience, Set<String> types) throws InvalidTokenException {
    if (!issuer.equals(claims.getValue("iss"))) {
      throw new InvalidTokenException("issuer '" + claims.getValue("iss") + "' is not " + issuer);
    }
    Object aud = claims.getValue("aud");
    boolean audienceOk = aud instanceof String s ? s.equals(audience)
        : aud instanceof JsonArray a && a.contains(audience);
    if (!audienceOk) {
      throw new InvalidTokenException("audience " + aud + " does not include " + audience);
    }
    long now = clock.millis() / 1000;
    long skewSeconds = skew.toSeconds();
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw new InvalidTokenException("no expiry");
    }
    if (now > exp.longValue() + skewSeconds) {
      throw new InvalidTokenException("expired at " + exp);
    }
    if (claims.getValue("nbf") instanceof Number nbf && now + skewSeconds < nbf.longValue()) {
      throw new InvalidTokenException("not valid before " + nbf);
    }
    if (claims.getValue("iat") instanceof Number iat && now + skewSeconds < iat.longValue()) {
      throw new InvalidTokenException("issued in the future");
    }
    Object typ = claims.getValue("typ");
    if (typ != null && !types.contains(String.valueOf(typ))) {
      throw new InvalidTokenException("token type '" + typ + "' is not accepted here");
    }
  }

  /** Expiry of verified claims, in epoch milliseconds. */
  public static long expiresAtMillis(JsonObject claims) {
    return claims.getLong("exp") * 1000;
  }

  private static boolean signatureValid(String alg, String javaAlg, JsonWebKeys.SigningKey key, byte[] signed,
      byte[] signature) throws InvalidTokenException {
    try {
      Signature s = Signature.getInstance(javaAlg);
      if (javaAlg.equals("RSASSA-PSS")) {
        String sha = "SHA-" + alg.substring(2);
        int saltLength = Integer.parseInt(alg.substring(2)) / 8;
        s.setParameter(new PSSParameterSpec(sha, "MGF1", new MGF1ParameterSpec(sha), saltLength, 1));
      }
      s.initVerify(key.key());
      s.update(signed);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new InvalidTokenException("signature check failed: " + e.getMessage());
    }
  }

  private static JsonObject json(String part, String what) throws InvalidTokenException {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new InvalidTokenException("unreadable " + what);
    }
  }
}
