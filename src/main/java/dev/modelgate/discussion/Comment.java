package dev.modelgate.discussion;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One comment: Markdown as written, the sanitized HTML rendered from it, and its life since: edits (each
 * keeping who, when and the previous text), a tombstone once deleted, a lead's hide.
 */
public record Comment(CommentId id, String parentId, String author, String text, String html, Set<String> mentions,
    Instant createdAt, Instant editedAt, List<Edit> history, Removal deleted, Removal hidden) {

  /** A previous version: who replaced it, when, and its text. */
  public record Edit(String by, Instant at, String previousText) {}

  /** Who deleted or hid the comment, when, and why (hide only). */
  public record Removal(String by, Instant at, String reason) {}

  public boolean isDeleted() {
    return deleted != null;
  }

  public boolean isHidden() {
    return hidden != null;
  }
}
