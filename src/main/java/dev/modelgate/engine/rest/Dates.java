package dev.modelgate.engine.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates in the REST API: ISO-8601 with offset; absent = null. */
final class Dates {
  private Dates() {}

  static String format(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }

  /** The normalized search value of a date (see {@link SearchField}). */
  static Object millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
