package dev.modelgate.kernel;

/**
 * What a password may contain. Control characters (C0, DEL, C1) are refused when a password is set and
 * never match at sign-in: PBKDF2's HMAC pads a short key with zero bytes, so {@code "demo"} and
 * {@code "demo\0\0"} would be the same key, and no one types a control character into a password field.
 */
public final class PasswordRules {

  private PasswordRules() {}

  public static boolean hasControlCharacters(CharSequence password) {
    for (int i = 0; i < password.length(); i++) {
      if (Character.isISOControl(password.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  public static boolean hasControlCharacters(char[] password) {
    return hasControlCharacters(java.nio.CharBuffer.wrap(password));
  }

  /** Why a new password is refused, for the field error; null when acceptable here. */
  public static String problem(String password) {
    return hasControlCharacters(password) ? "must not contain control characters" : null;
  }
}
