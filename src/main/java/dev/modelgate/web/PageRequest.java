package dev.modelgate.web;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.Ids;
import java.util.Optional;

/**
 * Keyset pagination: at most {@code limit} items after the item whose id is {@code after}, in id order
 * (ids grow with creation time, so the order is stable while new items arrive).
 */
public record PageRequest(int limit, Optional<String> after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public static PageRequest from(ApiCall call) {
    int limit = DEFAULT_LIMIT;
    Optional<String> rawLimit = call.query("limit");
    if (rawLimit.isPresent()) {
      try {
        limit = Integer.parseInt(rawLimit.get());
      } catch (NumberFormatException e) {
        throw Refusal.invalid("limit", "must be a whole number between 1 and " + MAX_LIMIT);
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw Refusal.invalid("limit", "must be a whole number between 1 and " + MAX_LIMIT);
      }
    }
    Optional<String> after = call.query("after");
    return new PageRequest(limit, after);
  }

  /** Checks that {@code after} is an id of the kind this list is ordered by. */
  public PageRequest requireObjectIdCursor() {
    after.ifPresent(a -> {
      if (!Ids.isValid(a)) {
        throw Refusal.invalid("after", "must be the 'next' value of a previous page");
      }
    });
    return this;
  }
}
