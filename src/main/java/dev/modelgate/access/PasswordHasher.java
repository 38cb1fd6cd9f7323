package dev.modelgate.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 with a per-user salt, deliberately slow (600,000 iterations, as OWASP recommends):
 * verify once per login and carry the identity afterwards, never on every request.
 * Stored form: {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}.
 */
public final class PasswordHasher {

  public static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final String PREFIX = "pbkdf2-sha256";

  private final SecureRandom random = new SecureRandom();
  /**
   * Verified against for unknown users, so a wrong user name costs as much time as a wrong password.
   * Computed in the background: it is a full slow hash, and start-up should not wait for it.
   */
  private final CompletableFuture<String> decoy;

  public PasswordHasher() {
    this.decoy = CompletableFuture.supplyAsync(() -> hash("decoy-password-that-never-matches".toCharArray()),
        runnable -> Thread.ofVirtual().name("password-decoy").start(runnable));
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  public boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    int iterations = Integer.parseInt(parts[1]);
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, iterations));
  }

  /** Spends the same time as a real verification, for a user that does not exist. */
  public void verifyDecoy(char[] password) {
    verify(password, decoy.join());
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
