package dev.modelgate.feature;

/**
 * One feature as the root ({@code ModelGate}) loads it: the feature wires its own services when it is
 * constructed (from the foundation and the features loaded before it), puts its API routes and pages on
 * the web edge, runs its background work, and stops it. The root constructs the features in order, mounts
 * them in that order, starts them, and closes them in reverse.
 */
public interface Feature extends AutoCloseable {

  /** Puts this feature's API routes, event streams, pages and page sections on the web edge; called once. */
  void mount(Edge edge);

  /** Starts this feature's background work (workers, pollers, periodic repairs), after every feature mounted. */
  default void start(Background background) {}

  /** Stops this feature's background work and closes what it opened; called in reverse load order. */
  @Override
  default void close() {}
}
