package dev.modelgate.kernel;

import java.util.Optional;

/**
 * Which characters request text may hold. A string that is not valid Unicode (a lone UTF-16 surrogate,
 * which a JSON {@code \\u} escape can produce) is not stored as sent: the database driver writes U+FFFD in
 * its place, so what was checked, hashed or shown is not what is read back. Control characters (NUL, the
 * C0 and C1 ranges, DEL) have no place in titles, names and comments and confuse logs, CSV files and
 * terminals. Tab, line feed and carriage return are ordinary text.
 */
public final class PlainText {

  private PlainText() {}

  /** Why {@code s} is refused, or empty when it is acceptable text. */
  public static Optional<String> problem(String s) {
    int position = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      position++;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return Optional.of(String.format("must be valid Unicode text (a lone surrogate U+%04X at character %d)",
            (int) c, position));
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return Optional.of(String.format("must not contain control characters (U+%04X at character %d; tab, "
            + "line feed and carriage return are accepted)", (int) c, position));
      }
      i++;
    }
    return Optional.empty();
  }
}
