package dev.modelgate.engine.behavior;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A cron expression for timer cycles, in the form Camunda documents for {@code timeCycle}: six
 * fields, {@code second minute hour day-of-month month day-of-week} (e.g. {@code 0 0 9-17 * * MON-FRI}),
 * or one of the macros {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight}, {@code @hourly}. Each field takes {@code *}, {@code ?}, numbers,
 * names (JAN-DEC, SUN-SAT), ranges, lists and steps ({@code a-b/n}, {@code *}{@code /n}); day of week
 * 0 and 7 are Sunday. A time matches when every field matches. Evaluated in UTC.
 */
public final class CronSchedule {
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *", "@monthly", "0 0 0 1 * *",
      "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *", "@hourly", "0 0 * * * *");
  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
      "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  /** Enough steps to cross any gap between two matching times (a leap day is at most 8 years away). */
  private static final int MAX_STEPS = 200_000;

  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  /** 0 = Sunday … 6 = Saturday. */
  private final BitSet daysOfWeek;

  private CronSchedule(BitSet seconds, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
      BitSet daysOfWeek) {
    this.seconds = seconds;
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
  }

  /** Whether {@code text} is meant as a cron expression (not an ISO 8601 repeating interval). */
  public static boolean looksLikeCron(String text) {
    String v = text.strip();
    return v.startsWith("@") || v.split("\\s+").length > 1;
  }

  public static CronSchedule parse(String text) {
    String v = text.strip();
    if (v.startsWith("@")) {
      String expanded = MACROS.get(v.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException("unknown cron macro '" + v + "'");
      }
      v = expanded;
    }
    String[] f = v.split("\\s+");
    if (f.length != 6) {
      throw new IllegalArgumentException("a cron expression has six fields (second minute hour day-of-month month"
          + " day-of-week), but '" + text.strip() + "' has " + f.length);
    }
    BitSet dow = field(f[5], 0, 7, DAYS, 0, "day of week");
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    return new CronSchedule(field(f[0], 0, 59, null, 0, "second"), field(f[1], 0, 59, null, 0, "minute"),
        field(f[2], 0, 23, null, 0, "hour"), field(f[3], 1, 31, null, 0, "day of month"),
        field(f[4], 1, 12, MONTHS, 1, "month"), dow);
  }

  private static BitSet field(String text, int min, int max, String[] names, int firstName, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), null, 0, what);
        if (step < 1) {
          throw new IllegalArgumentException("cron " + what + " step must be positive in '" + part + "'");
        }
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], names, firstName, what);
        to = number(ends[1], names, firstName, what);
      } else {
        from = number(range, names, firstName, what);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException("cron " + what + " '" + part + "' is outside " + min + "-" + max);
      }
      for (int i = from; i <= to; i += step) {
        bits.set(i);
      }
    }
    return bits;
  }

  private static int number(String text, String[] names, int firstName, String what) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(t)) {
          return i + firstName;
        }
      }
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cron " + what + " '" + text + "' is not supported (numbers, names, *, ?,"
          + " ranges, lists and steps are)");
    }
  }

  /** The first matching time strictly after {@code after}. */
  public Instant next(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    for (int i = 0; i < MAX_STEPS; i++) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!daysOfMonth.get(t.getDayOfMonth()) || !daysOfWeek.get(sundayZero(t.getDayOfWeek()))) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return t.toInstant();
      }
    }
    throw new IllegalArgumentException("the cron expression never matches a date");
  }

  private static int sundayZero(DayOfWeek d) {
    return d.getValue() % 7;
  }
}
