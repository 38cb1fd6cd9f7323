package dev.modelgate.engine.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * JSON for variable documents, based on the BSON library's reader and writer. Values are kept as
 * plain Java values: {@code Map<String,Object>}, {@code List<Object>}, {@code String}, {@code Long},
 * {@code Integer}, {@code Double}, {@code Boolean} and {@code null}.
 */
public final class Json {
  private static final JsonWriterSettings WRITER =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private Json() {}

  /** Parses a JSON object; blank input is the empty object. */
  public static Map<String, Object> parseObject(String json) {
    if (json == null || json.isBlank()) {
      return new LinkedHashMap<>();
    }
    String trimmed = json.strip();
    if (!trimmed.startsWith("{")) {
      throw new IllegalArgumentException("expected a JSON object, but got '" + abbreviate(trimmed) + "'");
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) normalize(Document.parse(trimmed));
      return map;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid JSON document: " + e.getMessage(), e);
    }
  }

  public static String write(Map<String, ?> object) {
    Document doc = new Document();
    object.forEach(doc::append);
    return doc.toJson(WRITER);
  }

  public static String writeValue(Object value) {
    String wrapped = new Document("v", value).toJson(WRITER);
    // {"v": <value>}
    int start = wrapped.indexOf(':') + 1;
    return wrapped.substring(start, wrapped.length() - 1).strip();
  }

  /** Converts any value (BSON documents, FEEL results, Scala wrappers) into plain Java values. */
  public static Object normalize(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? (Object) bi.longValue() : (Object) bi.doubleValue();
    }
    if (value instanceof BigDecimal bd) {
      BigDecimal stripped = bd.stripTrailingZeros();
      if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
        return stripped.longValueExact();
      }
      return bd.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (value instanceof Iterable<?> it) {
      List<Object> out = new ArrayList<>();
      it.forEach(v -> out.add(normalize(v)));
      return out;
    }
    if (value instanceof Object[] array) {
      List<Object> out = new ArrayList<>();
      for (Object v : array) {
        out.add(normalize(v));
      }
      return out;
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.getZone() instanceof java.time.ZoneOffset
          ? java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z)
          : java.time.format.DateTimeFormatter.ISO_ZONED_DATE_TIME.format(z);
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(o);
    }
    if (value instanceof TemporalAccessor || value instanceof java.time.Duration
        || value instanceof java.time.Period) {
      return value.toString();
    }
    return value.toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
