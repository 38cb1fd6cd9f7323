package dev.modelgate.audit;

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

/**
 * The hash chain's rules. Every entry carries the hash of the previous one ({@link #GENESIS}, 64 zeros,
 * for the first) and its own hash: the lower-case hex SHA-256 of its canonical encoding, under the hash
 * version it was written with ({@link AuditEntry#hashVersion}): {@link AuditHashV2} for new entries,
 * {@link AuditHashV1} for those written before it. Because every entry includes the previous entry's
 * hash, altering, removing or reordering any stored entry breaks the chain at that point.
 */
public final class AuditChain {

  public static final String GENESIS = "0".repeat(64);
  /** The hash version new entries are written with. */
  public static final int CURRENT_VERSION = AuditHashV2.VERSION;
  /** The hash version of entries stored without one (written before versions existed). */
  public static final int LEGACY_VERSION = 1;

  private AuditChain() {}

  /** The entry's hash under its own hash version. */
  public static String hash(AuditEntry e) {
    return switch (e.hashVersion()) {
      case LEGACY_VERSION -> AuditHashV1.hash(e);
      case AuditHashV2.VERSION -> AuditHashV2.hash(e);
      default -> throw new IllegalArgumentException("unknown audit hash version " + e.hashVersion());
    };
  }

  /** Whether the entry's stored hash is the hash of its content (false for an unknown hash version). */
  public static boolean matches(AuditEntry e) {
    return switch (e.hashVersion()) {
      case LEGACY_VERSION -> AuditHashV1.matches(e);
      case AuditHashV2.VERSION -> AuditHashV2.hash(e).equals(e.hash());
      default -> false;
    };
  }

  public static boolean knownVersion(int version) {
    return version == LEGACY_VERSION || version == AuditHashV2.VERSION;
  }

  /** Timestamps are stored with millisecond precision, so they are hashed with it. */
  public static Instant millis(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Details reduced to what survives a round trip through the store unchanged: strings (with what the
   * store cannot hold replaced, see {@link #text}), booleans, integers as long, other numbers as double,
   * lists and string-keyed maps; anything else as its string.
   */
  public static Object normalise(Object v) {
    return switch (v) {
      case null -> null;
      case String s -> text(s);
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
        m.forEach((k, x) -> out.put(name(String.valueOf(k)), normalise(x)));
        yield out;
      }
      case Collection<?> c -> {
        List<Object> out = new ArrayList<>();
        c.forEach(x -> out.add(normalise(x)));
        yield out;
      }
      case Instant i -> millis(i).toString();
      case Enum<?> en -> en.name().toLowerCase();
      default -> text(v.toString());
    };
  }

  /**
   * The string as the store gives it back: each lone UTF-16 surrogate (not valid Unicode, so not
   * representable in the store's UTF-8) becomes U+FFFD, as the database driver does. Request text never
   * holds one ({@code web/PlainText}); this covers text from elsewhere (identity provider claims, say).
   */
  public static String text(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (b != null) {
          b.append(c).append(s.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (b == null) {
          b = new StringBuilder(s.length()).append(s, 0, i);
        }
        b.append('\uFFFD');
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** A member name the store can hold: as {@link #text}, and NUL (which a BSON name cannot contain) as U+FFFD. */
  static String name(String k) {
    return text(k).replace('\u0000', '\uFFFD');
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
