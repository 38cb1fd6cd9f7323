package dev.modelgate.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the templates show times, numbers and durations ({@code ${fmt.time(x)}}); stateless. */
public final class Formats {

  public static final Formats INSTANCE = new Formats();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Formats() {}

  public String time(Instant at) {
    return at == null ? "—" : TIME.format(at);
  }

  public String time(String iso) {
    if (iso == null || iso.isBlank() || iso.equals("null")) {
      return "—";
    }
    try {
      return time(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  /** The URL if it is an http(s) link, else null: stored URIs may be any absolute URI, even {@code javascript:}. */
  public String webLink(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
  }

  public String num(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e12) {
        return String.format(Locale.ROOT, "%,d", (long) d);
      }
      return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return value == null ? "—" : String.valueOf(value);
  }

  public String money(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%,.2f", n.doubleValue()) : "—";
  }

  public String delta(Double d) {
    if (d == null) {
      return "—";
    }
    return (d > 0 ? "+" : "") + String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  public String hours(Number minutes) {
    return minutes == null ? "—" : String.format(Locale.ROOT, "%.1f h", minutes.doubleValue() / 60.0);
  }

  public String duration(Duration d) {
    if (d == null) {
      return "—";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min";
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
    return String.format(Locale.ROOT, "%.1f d", s / 86_400.0);
  }
}
