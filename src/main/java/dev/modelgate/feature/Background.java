package dev.modelgate.feature;

import java.time.Duration;

/** Where features schedule their periodic work; the root runs it on virtual threads while the server runs. */
@FunctionalInterface
public interface Background {

  /**
   * Runs {@code task} every {@code period}, off the event loop. A failure is logged with {@code what} and
   * the task runs again at the next period.
   */
  void every(Duration period, String what, Runnable task);
}
