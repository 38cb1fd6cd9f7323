package dev.modelgate.engine;

/**
 * Called by the engine after it wrote a batch of log records and before it answers the commands
 * of that batch. It returns once those writes survive a crash of the process: for the embedded H2
 * store it commits the store (e.g. {@code DurabilityBarrier.of(h2Backend::commit)}); for a real MongoDB
 * it does nothing, because the engine writes with a journaled write concern.
 *
 * <p>The engine takes a {@link #mark} before it writes and passes it to {@link #awaitDurable}: a store
 * that lost writes in between (it failed and was reopened) throws instead of returning. The engine then
 * answers nothing of that batch, drops its in-memory state, and rebuilds it from the log once the store is
 * {@link #available} again.
 */
@FunctionalInterface
public interface DurabilityBarrier {
  DurabilityBarrier NONE = mark -> {};

  /** A barrier that commits with {@code commit} and never reopens its store. */
  static DurabilityBarrier of(Runnable commit) {
    return mark -> commit.run();
  }

  /** Returns once the writes made since {@code mark} are durable; throws when they may be lost. */
  void awaitDurable(long mark);

  /** Taken before the engine writes a batch. */
  default long mark() {
    return 0;
  }

  /** Whether the store can make writes durable now (the engine waits for it before rebuilding). */
  default boolean available() {
    return true;
  }
}
