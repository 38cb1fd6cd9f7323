package dev.modelgate.store;

/**
 * Makes every write acknowledged so far durable before the caller replies to anyone. On the embedded
 * store this commits the H2 file (its MVStore otherwise commits on a delay); on a real MongoDB the writes
 * already used a journaled majority write concern, so there is nothing left to do.
 */
@FunctionalInterface
public interface DurabilityBarrier {
  void awaitDurable();

  DurabilityBarrier NONE = () -> {};
}
