package dev.modelgate.timetracking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them in GitLab and Jira: {@code 1h30m}, {@code 45m}, {@code 2d}, {@code 1w},
 * {@code 1w 2d 3h 15m}, with 1d = 8h and 1w = 5d; a bare number is hours ({@code 1.5}). Units appear at
 * most once, largest first, each with a non-negative number (decimals allowed, e.g. {@code 1.5h}); parts
 * may be separated by spaces. The result is rounded to whole minutes and must be at least one minute.
 */
public final class DurationSyntax {

  public static final long MINUTES_PER_HOUR = 60;
  public static final long MINUTES_PER_DAY = 8 * MINUTES_PER_HOUR;
  public static final long MINUTES_PER_WEEK = 5 * MINUTES_PER_DAY;
  /** Ten working weeks: longer is almost certainly a typo. */
  public static final long MAX_MINUTES = 10 * MINUTES_PER_WEEK;

  public static final String ACCEPTED = "use a duration such as 1h30m, 45m, 2d, 1w or 1w 2d 3h 15m "
      + "(units w, d, h, m, largest first, each at most once; 1d = 8h, 1w = 5d), or a number of hours such as 1.5";

  private static final Pattern NUMBER = Pattern.compile("\\d{1,6}(\\.\\d{1,4})?");
  private static final Pattern PART = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,4})?)([wdhm])");
  private static final String UNITS = "wdhm";

  private DurationSyntax() {}

  /** Thrown for text that is not a duration; the message says why and lists the accepted forms. */
  public static final class InvalidDuration extends RuntimeException {
    InvalidDuration(String why) {
      super(why + "; " + ACCEPTED, null, false, false);
    }
  }

  /** Parses {@code text} into whole minutes. */
  public static long parseMinutes(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidDuration("a duration is required");
    }
    String s = text.strip().toLowerCase(Locale.ROOT);
    BigDecimal minutes;
    if (NUMBER.matcher(s).matches()) {
      minutes = new BigDecimal(s).multiply(BigDecimal.valueOf(MINUTES_PER_HOUR));
    } else {
      minutes = BigDecimal.ZERO;
      int lastUnit = -1;
      int pos = 0;
      Matcher m = PART.matcher(s);
      while (pos < s.length()) {
        if (s.charAt(pos) == ' ' && pos > 0) {
          pos++;
          continue;
        }
        if (!m.find(pos) || m.start() != pos) {
          throw new InvalidDuration("'" + text.strip() + "' is not a duration");
        }
        int unit = UNITS.indexOf(m.group(2));
        if (unit <= lastUnit) {
          throw new InvalidDuration("'" + text.strip() + "' repeats a unit or puts a smaller unit first");
        }
        lastUnit = unit;
        minutes = minutes.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit(m.group(2).charAt(0)))));
        pos = m.end();
      }
    }
    long rounded = minutes.setScale(0, RoundingMode.HALF_UP).longValueExact();
    if (rounded < 1) {
      throw new InvalidDuration("'" + text.strip() + "' is less than one minute");
    }
    if (rounded > MAX_MINUTES) {
      throw new InvalidDuration("'" + text.strip() + "' is longer than 10w");
    }
    return rounded;
  }

  private static long perUnit(char unit) {
    return switch (unit) {
      case 'w' -> MINUTES_PER_WEEK;
      case 'd' -> MINUTES_PER_DAY;
      case 'h' -> MINUTES_PER_HOUR;
      default -> 1;
    };
  }

  /** Minutes written back in the same syntax, e.g. 570 → {@code 1d 1h 30m}. */
  public static String format(long minutes) {
    StringBuilder b = new StringBuilder();
    long rest = minutes;
    long[] sizes = {MINUTES_PER_WEEK, MINUTES_PER_DAY, MINUTES_PER_HOUR, 1};
    for (int i = 0; i < sizes.length; i++) {
      long n = rest / sizes[i];
      rest %= sizes[i];
      if (n > 0) {
        if (!b.isEmpty()) {
          b.append(' ');
        }
        b.append(n).append(UNITS.charAt(i));
      }
    }
    return b.isEmpty() ? "0m" : b.toString();
  }
}
