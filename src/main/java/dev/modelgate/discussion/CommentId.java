package dev.modelgate.discussion;

import dev.modelgate.store.Ids;
import java.util.Optional;

/**
 * A comment's id is its thread's id and its position in the thread ({@code <thread>-<position>}), so the
 * page holding it is found without any index.
 */
public record CommentId(String threadId, long position) {

  public static Optional<CommentId> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    int dash = raw.indexOf('-');
    if (dash <= 0 || !Ids.isValid(raw.substring(0, dash))) {
      return Optional.empty();
    }
    try {
      long pos = Long.parseLong(raw.substring(dash + 1));
      return pos > 0 ? Optional.of(new CommentId(raw.substring(0, dash), pos)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return threadId + "-" + position;
  }
}
