package dev.modelgate.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an outbound webhook: {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 * The timestamp (Unix seconds, sent in {@value #TIMESTAMP_HEADER}) is part of the signed content, so a
 * receiver that rejects old timestamps cannot be fed a replayed request.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-ModelGate-Signature";
  public static final String TIMESTAMP_HEADER = "X-ModelGate-Timestamp";
  public static final String EVENT_HEADER = "X-ModelGate-Event";
  public static final String DELIVERY_HEADER = "X-ModelGate-Delivery";

  private WebhookSignature() {}

  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** Constant-time check of a received signature (what a receiver does). */
  public static boolean verify(String secret, long timestamp, String body, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }
}
