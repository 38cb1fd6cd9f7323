package dev.modelgate.engine.history;

/**
 * Which page of a search: {@code from} items skipped, at most {@code limit} returned, sorted by {@code
 * sortBy} (a field name of the view; null = by key) ascending unless {@code descending}.
 */
public record PageRequest(int from, int limit, String sortBy, boolean descending) {
  public static final int DEFAULT_LIMIT = 100;

  public PageRequest {
    if (from < 0) {
      throw new IllegalArgumentException("from must not be negative");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(0, limit, null, false);
  }

  public static PageRequest firstPage() {
    return first(DEFAULT_LIMIT);
  }
}
