package dev.modelgate.audit;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash scheme of entries stored with {@code hashVersion: 2}: the SHA-256 of a byte encoding in which
 * every value is tagged with its type and every string, list and map carries its length, so no two
 * different entries encode alike whatever their strings hold, and strings are encoded as their UTF-16 code
 * units, so no conversion can lose a character. An entry is the sequence of values
 *
 * <pre>"modelgate-audit" 2 seq at actor action team subjectType subjectId details prevHash</pre>
 *
 * with {@code at} as milliseconds since the epoch, each value encoded as one tag byte and then:
 *
 * <pre>
 * 0x00 null
 * 0x01 false, 0x02 true
 * 0x03 integer (byte, short, int or long alike): 8 bytes, two's complement, big-endian
 * 0x04 floating point: the 8 bytes of the IEEE 754 double, big-endian (float widened; one NaN)
 * 0x05 string: 4-byte count of UTF-16 code units, then each unit as 2 bytes, big-endian
 * 0x06 list: 4-byte count of items, then each item
 * 0x07 map: 4-byte count of members, then each member's name (as a string, without tag) and value,
 *      in the order of the names' UTF-16 code units
 * 0x08 anything else: its class name and its {@code toString} as two strings without tag
 * </pre>
 *
 * Counts are unsigned big-endian. The store gives integers back as int or long and maps as its own document
 * class: both encode alike. {@link AuditChain#normalise} makes the values written the values read back, so
 * the last tag marks a value this server never writes (an edited database), which cannot then match.
 */
final class AuditHashV2 {

  static final int VERSION = 2;
  private static final byte NULL = 0x00;
  private static final byte FALSE = 0x01;
  private static final byte TRUE = 0x02;
  private static final byte INTEGER = 0x03;
  private static final byte DOUBLE = 0x04;
  private static final byte STRING = 0x05;
  private static final byte LIST = 0x06;
  private static final byte MAP = 0x07;
  private static final byte OTHER = 0x08;

  private AuditHashV2() {}

  static String hash(AuditEntry e) {
    return AuditChain.sha256(canonical(e));
  }

  static byte[] canonical(AuditEntry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    value(out, "modelgate-audit");
    value(out, (long) VERSION);
    value(out, e.seq());
    value(out, e.at().toEpochMilli());
    value(out, e.actor());
    value(out, e.action());
    value(out, e.team());
    value(out, e.subjectType());
    value(out, e.subjectId());
    value(out, e.details());
    value(out, e.prevHash());
    return out.toByteArray();
  }

  private static void value(ByteArrayOutputStream out, Object v) {
    switch (v) {
      case null -> out.write(NULL);
      case Boolean b -> out.write(b ? TRUE : FALSE);
      case Byte n -> integer(out, n);
      case Short n -> integer(out, n);
      case Integer n -> integer(out, n);
      case Long n -> integer(out, n);
      case Double d -> {
        out.write(DOUBLE);
        eight(out, Double.doubleToLongBits(d));
      }
      case Float f -> {
        out.write(DOUBLE);
        eight(out, Double.doubleToLongBits(f.doubleValue()));
      }
      case String s -> {
        out.write(STRING);
        string(out, s);
      }
      case Collection<?> c -> {
        out.write(LIST);
        four(out, c.size());
        c.forEach(x -> value(out, x));
      }
      case Map<?, ?> m -> {
        Map<String, Object> sorted = new TreeMap<>();
        m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
        out.write(MAP);
        four(out, sorted.size());
        sorted.forEach((k, x) -> {
          string(out, k);
          value(out, x);
        });
      }
      default -> {
        out.write(OTHER);
        string(out, v.getClass().getName());
        string(out, v.toString());
      }
    }
  }

  private static void integer(ByteArrayOutputStream out, long n) {
    out.write(INTEGER);
    eight(out, n);
  }

  private static void string(ByteArrayOutputStream out, String s) {
    four(out, s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.write(c >>> 8);
      out.write(c & 0xff);
    }
  }

  private static void four(ByteArrayOutputStream out, int n) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((n >>> shift) & 0xff);
    }
  }

  private static void eight(ByteArrayOutputStream out, long n) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (n >>> shift) & 0xff);
    }
  }
}
