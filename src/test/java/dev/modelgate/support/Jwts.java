package dev.modelgate.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Forges JWTs for tests: signed with our own RSA keys, unsigned ({@code alg: none}), or re-signed. */
public final class Jwts {

  private Jwts() {}

  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWKS document with the public half of each key pair, under the given key ids. */
  public static JsonObject jwks(String kid, KeyPair keys) {
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    return new JsonObject().put("keys", new JsonArray().add(new JsonObject()
        .put("kid", kid).put("kty", "RSA").put("alg", "RS256").put("use", "sig")
        .put("n", b64(unsigned(pub.getModulus().toByteArray())))
        .put("e", b64(unsigned(pub.getPublicExponent().toByteArray())))));
  }

  public static String rs256(String kid, KeyPair keys, JsonObject claims) {
    String signingInput = b64(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", kid).encode()
        .getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(keys.getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same header and claims without a signature: {@code alg: none}. */
  public static String unsigned(String kid, JsonObject claims) {
    return b64(new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid).encode()
        .getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  /** HS256 "signed" with a public key's bytes as the secret: the classic algorithm-confusion forgery. */
  public static String hs256WithPublicKey(String kid, KeyPair keys, JsonObject claims) {
    String signingInput = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid).encode()
        .getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
      return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real token with its claims replaced but the original signature kept. */
  public static String withClaims(String jwt, JsonObject claims) {
    String[] parts = jwt.split("\\.");
    return parts[0] + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  /** A real token whose signature has one byte flipped. */
  public static String flipSignatureByte(String jwt) {
    String[] parts = jwt.split("\\.");
    byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
    sig[sig.length / 2] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + b64(sig);
  }

  public static JsonObject header(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  public static JsonObject claims(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static byte[] unsigned(byte[] b) {
    return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
