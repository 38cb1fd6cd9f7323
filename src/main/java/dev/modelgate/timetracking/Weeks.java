package dev.modelgate.timetracking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** ISO weeks as the keys of the weekly counters: {@code 2026-W05}, Monday to Sunday. */
public final class Weeks {

  private Weeks() {}

  public static String key(LocalDate date) {
    return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  public static LocalDate monday(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
