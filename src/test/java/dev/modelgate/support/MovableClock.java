package dev.modelgate.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * System time plus an offset the test moves forward, so timers fire without sleeping. Started at a fixed
 * instant, it also makes "today" a constant of the test, so dates relative to today never cross a month or a
 * year boundary depending on the day the suite runs.
 */
public final class MovableClock extends Clock {

  private final AtomicLong offsetMillis;
  private final ZoneId zone;

  public MovableClock() {
    this(new AtomicLong(), ZoneOffset.UTC);
  }

  private MovableClock(AtomicLong offsetMillis, ZoneId zone) {
    this.offsetMillis = offsetMillis;
    this.zone = zone;
  }

  /** A clock that reads {@code start} now and runs on at the system's pace from there. */
  public static MovableClock startingAt(Instant start) {
    return new MovableClock(new AtomicLong(start.toEpochMilli() - System.currentTimeMillis()), ZoneOffset.UTC);
  }

  public void advance(Duration d) {
    offsetMillis.addAndGet(d.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time seen in another zone (moving one moves both). */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MovableClock(offsetMillis, zone);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
