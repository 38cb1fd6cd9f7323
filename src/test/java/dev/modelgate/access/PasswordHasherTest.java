package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** Both stored formats verify; neither lets a zero-padded or control-character password through. */
class PasswordHasherTest {

  static final PasswordHasher HASHER = new PasswordHasher();

  /** A hash of the first format (PBKDF2 over the bare password), with few iterations to keep the test quick. */
  static String bareFormat(String password) throws Exception {
    byte[] salt = "0123456789abcdef".getBytes();
    byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  @Test
  void anOlderBareHashStillVerifiesButNotWithZeroPadding() throws Exception {
    String stored = bareFormat("demo");
    assertTrue(HASHER.verify("demo".toCharArray(), stored));
    assertFalse(HASHER.verify("demo\0".toCharArray(), stored));
    assertFalse(HASHER.verify("demo\0\0".toCharArray(), stored));
    assertFalse(HASHER.verify("dem".toCharArray(), stored));
  }

  @Test
  void newHashesAreLengthPrefixedAndRefuseControlCharacters() {
    String stored = HASHER.hash("correct-horse".toCharArray());
    assertTrue(stored.startsWith("pbkdf2-sha256-v2$"), stored);
    assertTrue(HASHER.verify("correct-horse".toCharArray(), stored));
    assertFalse(HASHER.verify("correct-horse\0".toCharArray(), stored));
    assertThrows(IllegalArgumentException.class, () -> HASHER.hash("bell\u0007".toCharArray()));
  }
}
