package dev.modelgate.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** System time plus an offset the test moves forward, so timers fire without sleeping. */
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
