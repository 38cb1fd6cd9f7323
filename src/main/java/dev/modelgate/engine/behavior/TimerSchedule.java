package dev.modelgate.engine.behavior;

import dev.modelgate.engine.model.Definitions.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * A timer's schedule from an ISO 8601 value: a duration ({@code PT15M}, {@code P1D}), a date-time
 * ({@code 2026-01-01T10:00:00Z}) or a repeating cycle ({@code R3/PT10S}, {@code R/PT1H}, {@code
 * R2/2026-01-01T10:00:00Z/P1D}); a cycle may also be a cron expression ({@code 0 0 9 * * MON-FRI},
 * see {@link CronSchedule}), which repeats without end.
 *
 * @param due epoch milliseconds of the next firing
 * @param repetitions firings left after this one: -1 means unbounded, 0 means this is the last
 * @param interval for cycles the ISO duration between firings (it starts with {@code P}) or the
 *     cron expression; else null
 */
public record TimerSchedule(long due, int repetitions, String interval) {

  public static TimerSchedule parse(TimerKind kind, String text, Instant now) {
    String value = text.strip();
    switch (kind) {
      case DURATION -> {
        return new TimerSchedule(plus(now, value).toEpochMilli(), 0, null);
      }
      case DATE -> {
        return new TimerSchedule(date(value).toEpochMilli(), 0, null);
      }
      case CYCLE -> {
        if (CronSchedule.looksLikeCron(value)) {
          return new TimerSchedule(CronSchedule.parse(value).next(now).toEpochMilli(), -1, value);
        }
        if (!value.startsWith("R")) {
          throw new IllegalArgumentException("a cycle is an ISO 8601 repeating interval (R/...) or a cron expression");
        }
        String[] parts = value.split("/");
        if (parts.length < 2 || parts.length > 3) {
          throw new IllegalArgumentException("expected R[n]/[start/]duration");
        }
        int repetitions = parts[0].length() == 1 ? -1 : Integer.parseInt(parts[0].substring(1));
        String interval = parts[parts.length - 1];
        Instant first = parts.length == 3 ? date(parts[1]) : plus(now, interval);
        plus(now, interval); // validates the interval
        if (repetitions == 0) {
          throw new IllegalArgumentException("a cycle needs at least one repetition");
        }
        return new TimerSchedule(first.toEpochMilli(), repetitions < 0 ? -1 : repetitions - 1, interval);
      }
      default -> throw new IllegalStateException();
    }
  }

  /** The next firing of a cycle, or null when none is left. */
  public TimerSchedule next() {
    if (interval == null || repetitions == 0) {
      return null;
    }
    Instant last = Instant.ofEpochMilli(due);
    long nextDue = (interval.startsWith("P") ? plus(last, interval) : CronSchedule.parse(interval).next(last))
        .toEpochMilli();
    return new TimerSchedule(nextDue, repetitions < 0 ? -1 : repetitions - 1, interval);
  }

  static Instant plus(Instant from, String iso) {
    String v = iso.strip();
    try {
      return from.plus(Duration.parse(v));
    } catch (DateTimeParseException e) {
      // P1M, P1Y2M3DT4H: split into period and time parts
      int t = v.indexOf('T');
      Period period = Period.parse(t < 0 ? v : v.substring(0, t));
      ZonedDateTime z = from.atZone(ZoneOffset.UTC).plus(period);
      if (t >= 0) {
        z = z.plus(Duration.parse("P" + v.substring(t)));
      }
      return z.toInstant();
    }
  }

  static Instant date(String v) {
    try {
      return ZonedDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      }
    }
  }
}
