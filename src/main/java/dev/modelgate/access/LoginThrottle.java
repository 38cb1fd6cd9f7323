package dev.modelgate.access;

import dev.modelgate.kernel.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing: after {@code maxFailures} failed logins for one user name from one client
 * address within {@code window}, further attempts for that pair are refused with 429 until the window
 * ends. The address is the client's as {@code web.ClientAddress} works it out (behind trusted proxies, from
 * {@code X-Forwarded-For}), so clients behind one proxy do not share a bucket. The key does not depend on whether the account exists, so the answer tells nothing about it.
 * Per process: each replica counts on its own (an attacker spreading over N replicas gets N times the
 * budget, still bounded).
 */
public final class LoginThrottle {

  public static final int DEFAULT_MAX_FAILURES = 5;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  private static final int MAX_BUCKETS = 100_000;

  private record Bucket(int failures, long windowEndsAtMillis) {}

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  public static LoginThrottle standard(Clock clock) {
    return new LoginThrottle(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, clock);
  }

  public static String key(String username, String clientIp) {
    return username.toLowerCase(Locale.ROOT) + "|" + clientIp;
  }

  /** Throws 429 with Retry-After when the key has used up its failures in the current window. */
  public void check(String key) {
    Bucket b = buckets.get(key);
    long now = clock.millis();
    if (b != null && b.windowEndsAtMillis() > now && b.failures() >= maxFailures) {
      throw Refusal.tooManyAttempts("too many failed logins; try again later",
          Duration.ofMillis(b.windowEndsAtMillis() - now));
    }
  }

  public void failed(String key) {
    if (buckets.size() >= MAX_BUCKETS) {
      long now = clock.millis();
      buckets.values().removeIf(b -> b.windowEndsAtMillis() <= now);
    }
    long now = clock.millis();
    buckets.compute(key, (k, b) -> b == null || b.windowEndsAtMillis() <= now
        ? new Bucket(1, now + window.toMillis())
        : new Bucket(b.failures() + 1, b.windowEndsAtMillis()));
  }

  public void succeeded(String key) {
    buckets.remove(key);
  }
}
