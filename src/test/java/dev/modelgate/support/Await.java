package dev.modelgate.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling for what happens asynchronously (a workflow reaching a step), with a deadline, not a timing. */
public final class Await {

  /** Generous: the deadline only bounds a stuck test; a passing one waits as long as the work takes. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private Await() {}

  /** Calls {@code probe} until {@code done} holds and returns that value; fails naming {@code what} otherwise. */
  public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    fail("timed out waiting for " + what + "; last seen: " + last);
    return null;
  }
}
