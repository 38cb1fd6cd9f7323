package dev.modelgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain's rules. An entry's hash is the lower-case hex SHA-256 of the UTF-8 bytes of its
 * canonical form, a JSON object with exactly these members in this order:
 *
 * <pre>{"seq":N,"at":"2026-01-02T03:04:05.678Z","actor":...,"action":...,"team":...,
 *  "subjectType":...,"subjectId":...,"details":{...},"prevHash":"..."}</pre>
 *
 * No white space; absent strings are {@code null}; {@code at} is ISO-8601 UTC with exactly millisecond
 * precision; {@code details} members are sorted by name (recursively); numbers are integers written in
 * decimal or finite doubles written as Java's {@code Double.toString}; strings are escaped as JSON
 * requires ({@code \"}, {@code \\}, and a six-character {@code \\u} escape for control characters). The first entry's
 * {@code prevHash} is {@link #GENESIS} (64 zeros). Because every entry includes the previous entry's hash,
 * altering, removing or reordering any stored entry breaks the chain at that point.
 */
public final class AuditChain {

  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  public static String hash(AuditEntry e) {
    return sha256(canonical(e));
  }

  public static String canonical(AuditEntry e) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"seq\":").append(e.seq())
        .append(",\"at\":");
    string(b, millis(e.at()).toString());
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

  /** Timestamps are stored with millisecond precision, so they are hashed with it. */
  public static Instant millis(Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.MILLIS);
    return t;
  }

  /**
   * Details reduced to what survives a round trip through the store unchanged: strings, booleans,
   * integers as long, other numbers as double, lists and string-keyed maps; anything else as its string.
   */
  public static Object normalise(Object v) {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Byte n -> n.longValue();
      case Short n -> n.longValue();
      case Integer n -> n.longValue();
      case Long n -> n;
      case Number n -> {
        double d = n.doubleValue();
        yield Double.isFinite(d) ? d : Double.toString(d);
      }
      case Map<?, ?> m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), normalise(x)));
        yield out;
      }
      case Collection<?> c -> {
        List<Object> out = new ArrayList<>();
        c.forEach(x -> out.add(normalise(x)));
        yield out;
      }
      case Instant i -> millis(i).toString();
      case Enum<?> en -> en.name().toLowerCase();
      default -> v.toString();
    };
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

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
