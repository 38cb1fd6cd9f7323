package dev.modelgate.access;

import dev.modelgate.kernel.PasswordRules;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 with a per-user salt, deliberately slow (600,000 iterations, as OWASP recommends):
 * verify once per login and carry the identity afterwards, never on every request.
 *
 * <p>HMAC pads a key shorter than its block with zero bytes, so PBKDF2 over the bare password would take
 * {@code "demo"} and {@code "demo\0"} as one. New hashes therefore derive from the password prefixed with
 * its UTF-8 length (format {@code pbkdf2-sha256-v2$<iterations>$<salt b64>$<hash b64>}); hashes of the
 * first format ({@code pbkdf2-sha256$...}, the bare password) still verify. Either way a password with a
 * control character never matches ({@link PasswordRules}).
 */
public final class PasswordHasher {

  public static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final String BARE = "pbkdf2-sha256";
  private static final String LENGTH_PREFIXED = "pbkdf2-sha256-v2";

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

  /** The stored form of a new password; refuses control characters (callers validate them first). */
  public String hash(char[] password) {
    if (PasswordRules.hasControlCharacters(password)) {
      throw new IllegalArgumentException("password contains control characters");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    char[] input = lengthPrefixed(password);
    byte[] key = derive(input, salt, ITERATIONS);
    Arrays.fill(input, '\0');
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return LENGTH_PREFIXED + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  public boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !(parts[0].equals(BARE) || parts[0].equals(LENGTH_PREFIXED))) {
      return false;
    }
    int iterations = Integer.parseInt(parts[1]);
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    // Still derived (the same time as a match), but a control character never matches.
    boolean refused = PasswordRules.hasControlCharacters(password);
    char[] input = parts[0].equals(LENGTH_PREFIXED) ? lengthPrefixed(password) : password;
    boolean same = MessageDigest.isEqual(expected, derive(input, salt, iterations));
    if (input != password) {
      Arrays.fill(input, '\0');
    }
    return same && !refused;
  }

  /** {@code <UTF-8 byte length>:<password>}: inputs of different lengths never share a padded HMAC key. */
  private static char[] lengthPrefixed(char[] password) {
    int bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    char[] prefix = (bytes + ":").toCharArray();
    char[] out = Arrays.copyOf(prefix, prefix.length + password.length);
    System.arraycopy(password, 0, out, prefix.length, password.length);
    return out;
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
