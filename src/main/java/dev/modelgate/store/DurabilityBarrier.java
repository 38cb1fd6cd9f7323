package dev.modelgate.store;

/**
 * Makes the writes of one unit of work durable before the caller replies to anyone. On the embedded
 * store this commits the H2 file (its MVStore otherwise commits on a delay); on a real MongoDB the writes
 * already used a journaled majority write concern, so there is nothing left to do.
 *
 * <p>A unit of work takes a {@link #mark} before its first write and passes it to {@link #awaitDurable}:
 * if the store failed in between (its uncommitted writes were dropped when it was reopened), the barrier
 * refuses with {@link StoreUnavailableException} instead of committing a reopened store that never saw
 * those writes. So a caller acknowledges nothing the file does not hold.
 */
public interface DurabilityBarrier {

  /** Taken before a unit of work writes: which incarnation of the store its writes go to. */
  long mark();

  /**
   * Returns once every write made since {@code mark} survives a crash of the process.
   *
   * @throws StoreUnavailableException when they cannot be made durable (disk full, read-only) or may
   *     have been lost; nothing of them may be acknowledged
   */
  void awaitDurable(long mark);

  /** Whether writes can be made durable now; false while the store waits to be reopened. */
  boolean available();

  DurabilityBarrier NONE = new DurabilityBarrier() {
    @Override
    public long mark() {
      return 0;
    }

    @Override
    public void awaitDurable(long mark) {}

    @Override
    public boolean available() {
      return true;
    }
  };
}
