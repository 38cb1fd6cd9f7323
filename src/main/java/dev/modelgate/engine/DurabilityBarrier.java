package dev.modelgate.engine;

/**
 * Called by the engine after it wrote a batch of log records and before it answers the commands
 * of that batch. It returns once those writes survive a crash of the process: for the embedded H2
 * store it commits the store (e.g. {@code h2Backend::commit}); for a real MongoDB it does nothing,
 * because the engine writes with a journaled write concern.
 */
@FunctionalInterface
public interface DurabilityBarrier {
  DurabilityBarrier NONE = () -> {};

  void awaitDurable();
}
