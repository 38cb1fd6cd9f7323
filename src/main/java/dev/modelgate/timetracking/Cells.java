package dev.modelgate.timetracking;

/**
 * Names of counter cells: parts joined by {@code |}. User names and step names are escaped so that no
 * cell name contains {@code .} or {@code |} or starts with {@code $} (field names MongoDB refuses or
 * would split).
 */
public final class Cells {

  private Cells() {}

  public static String of(String... parts) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append('|');
      }
      b.append(escape(parts[i] == null ? "" : parts[i]));
    }
    return b.toString();
  }

  public static String[] parse(String cell) {
    String[] parts = cell.split("\\|", -1);
    if (cell.indexOf('%') < 0) {
      return parts; // nothing escaped: the common case, and reports parse many cells
    }
    for (int i = 0; i < parts.length; i++) {
      parts[i] = unescape(parts[i]);
    }
    return parts;
  }

  static String escape(String s) {
    return s.replace("%", "%25").replace(".", "%2E").replace("|", "%7C").replace("$", "%24");
  }

  static String unescape(String s) {
    return s.replace("%24", "$").replace("%7C", "|").replace("%2E", ".").replace("%25", "%");
  }
}
