package dev.modelgate.engine;

/**
 * The engine's notion of time (epoch milliseconds) for timers, job deadlines, back-offs and
 * message time-to-live. Tests pass a clock they move forward; the default is the system clock.
 */
@FunctionalInterface
public interface EngineClock {
  EngineClock SYSTEM = System::currentTimeMillis;

  long millis();
}
