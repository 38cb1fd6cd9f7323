package dev.modelgate.notify.webhook;

import java.time.Duration;

/**
 * How team webhook deliveries are retried: the first retry waits {@code baseDelay}, each next one twice as
 * long (capped at an hour); a delivery gives up after {@code maxAttempts}; a webhook is disabled after
 * {@code disableAfter} consecutive failed attempts (any success resets the count).
 */
public record RetryPolicy(Duration baseDelay, int maxAttempts, int disableAfter) {

  private static final Duration MAX_DELAY = Duration.ofHours(1);

  public RetryPolicy {
    if (baseDelay.isNegative() || maxAttempts < 1 || disableAfter < 1) {
      throw new IllegalArgumentException("invalid retry policy");
    }
  }

  /** The wait after the {@code attempt}-th failed attempt (1-based). */
  public Duration delayAfter(int attempt) {
    int shift = Math.min(attempt - 1, 30);
    Duration d = baseDelay.multipliedBy(1L << shift);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }
}
