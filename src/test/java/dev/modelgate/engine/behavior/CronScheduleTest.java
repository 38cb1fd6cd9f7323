package dev.modelgate.engine.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.model.Definitions.TimerKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cron expressions as timer cycles, in Spring's six-field form that Camunda documents. */
class CronScheduleTest {

  private static Instant next(String cron, String after) {
    return CronSchedule.parse(cron).next(Instant.parse(after));
  }

  @Test
  void weekdayOfficeHoursSkipTheWeekend() {
    // 2026-01-02 is a Friday
    assertEquals(Instant.parse("2026-01-05T09:00:00Z"), next("0 0 9-17 * * MON-FRI", "2026-01-02T17:00:00Z"));
    assertEquals(Instant.parse("2026-01-02T10:00:00Z"), next("0 0 9-17 * * MON-FRI", "2026-01-02T09:00:00Z"));
  }

  @Test
  void stepsListsNamesAndSundayAsZeroOrSeven() {
    assertEquals(Instant.parse("2026-01-01T00:15:00Z"), next("0 */15 * * * *", "2026-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-03-01T06:30:00Z"), next("0 30 6 1 MAR,SEP ?", "2026-01-10T00:00:00Z"));
    assertEquals(Instant.parse("2026-01-04T12:00:00Z"), next("0 0 12 * * 7", "2026-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-01-04T12:00:00Z"), next("0 0 12 * * SUN", "2026-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-01-01T00:00:10Z"), next("10-50/20 * * * * *", "2026-01-01T00:00:00Z"));
  }

  @Test
  void macrosAndLeapDays() {
    assertEquals(Instant.parse("2026-01-02T00:00:00Z"), next("@daily", "2026-01-01T08:00:00Z"));
    assertEquals(Instant.parse("2026-01-01T09:00:00Z"), next("@hourly", "2026-01-01T08:00:00Z"));
    assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("0 0 0 29 2 *", "2026-01-01T00:00:00Z"));
  }

  @Test
  void aCronCycleRepeatsWithoutEndFromEachDueTime() {
    TimerSchedule first = TimerSchedule.parse(TimerKind.CYCLE, "0 0 9 * * *", Instant.parse("2026-01-01T10:00:00Z"));
    assertEquals(Instant.parse("2026-01-02T09:00:00Z").toEpochMilli(), first.due());
    TimerSchedule second = first.next();
    assertEquals(Instant.parse("2026-01-03T09:00:00Z").toEpochMilli(), second.due());
    assertEquals(-1, second.repetitions());
  }

  @Test
  void badExpressionsSayWhy() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 9 * *")).getMessage()
        .contains("six fields"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 25 * * *")).getMessage()
        .contains("hour"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 9 L * *")).getMessage()
        .contains("not supported"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 0 30 2 *").next(Instant.EPOCH))
        .getMessage().contains("never"));
  }
}
