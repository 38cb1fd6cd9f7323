package dev.modelgate.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first hash scheme, kept only to verify the entries written with it (stored without a hash version).
 * The hash is the SHA-256 of the UTF-8 bytes of a JSON-like text:
 *
 * <pre>{"seq":N,"at":"2026-01-02T03:04:05.678Z","actor":...,"action":...,"team":...,
 *  "subjectType":...,"subjectId":...,"details":{...},"prevHash":"..."}</pre>
 *
 * No white space; absent strings are {@code null}; {@code details} members sorted by name (recursively);
 * integers in decimal, doubles as Java's {@code Double.toString}; {@code "}, {@code \} and characters
 * below U+0020 escaped. Retired because text is not an unambiguous encoding: Java's UTF-8 conversion
 * writes {@code ?} for a lone surrogate, while the store reads such a string back with U+FFFD, so an
 * entry holding one never verified again. Such entries are accepted here when their text, with every
 * U+FFFD read as {@code ?}, matches (the only ambiguity: a v1 entry's {@code ?} and U+FFFD are not told apart).
 */
final class AuditHashV1 {

  private AuditHashV1() {}

  static String hash(AuditEntry e) {
    return AuditChain.sha256(canonical(e).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the stored hash matches, allowing for a lone surrogate that was hashed as {@code ?}. */
  static boolean matches(AuditEntry e) {
    String text = canonical(e);
    if (AuditChain.sha256(text.getBytes(StandardCharsets.UTF_8)).equals(e.hash())) {
      return true;
    }
    return text.indexOf('\uFFFD') >= 0
        && AuditChain.sha256(text.replace('\uFFFD', '?').getBytes(StandardCharsets.UTF_8)).equals(e.hash());
  }

  static String canonical(AuditEntry e) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"seq\":").append(e.seq())
        .append(",\"at\":");
    string(b, AuditChain.millis(e.at()).toString());
    b.append(",\"actor\":");
    string(b, e.actor());
    b.append(",\"action\":");
    string(b, e.action());
    b.append(",\"team\":");
    string(b, e.team());
    b.append(",\"subjectType\":");
    string(b, e.subjectType());
    b.append(",\"subjectId\":");
    string(b, e.subjectId());
    b.append(",\"details\":");
    value(b, e.details());
    b.append(",\"prevHash\":");
    string(b, e.prevHash());
    return b.append('}').toString();
  }

  private static void value(StringBuilder b, Object v) {
    switch (v) {
      case null -> b.append("null");
      case String s -> string(b, s);
      case Boolean bool -> b.append(bool);
      case Double d -> b.append(d);
      case Float f -> b.append((double) f);
      case Number n -> b.append(n.longValue());
      case Map<?, ?> m -> {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted(m).entrySet()) {
          if (!first) {
            b.append(',');
          }
          first = false;
          string(b, e.getKey());
          b.append(':');
          value(b, e.getValue());
        }
        b.append('}');
      }
      case Collection<?> c -> {
        b.append('[');
        boolean first = true;
        for (Object x : c) {
          if (!first) {
            b.append(',');
          }
          first = false;
          value(b, x);
        }
        b.append(']');
      }
      default -> string(b, v.toString());
    }
  }

  private static Map<String, Object> sorted(Map<?, ?> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static void string(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
