package dev.modelgate.discussion.pages;

import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.pages.SubjectLink;
import java.time.Instant;
import java.util.List;

/**
 * The thread page: the thread, its subject with a link back, one page of its comments (oldest first) with
 * links to the earlier and later pages, and what the viewer may do. Public because the template reads it.
 */
public record ThreadPageView(String id, String title, String createdBy, Instant createdAt, SubjectLink subject,
    List<DiscussionView.CommentView> comments, long commentCount, long page, long pages, String previousHref,
    String nextHref, boolean mayComment, boolean mayHide) {

  /** The thread page showing comment page {@code page} (the first page has no cursor). */
  static String href(String threadId, long page) {
    return "/threads/" + threadId + (page > 0 ? "?after=" + page : "");
  }

  static ThreadPageView of(DiscussionThread t, SubjectLink subject, List<DiscussionView.CommentView> comments,
      long page, Long next, boolean mayComment, boolean mayHide, int perPage) {
    long pages = Math.max(1, (t.commentCount() + perPage - 1) / perPage);
    return new ThreadPageView(t.id(), t.title(), t.createdBy(), t.createdAt(), subject, comments, t.commentCount(),
        page, pages, page > 0 ? href(t.id(), page - 1) : null, next == null ? null : href(t.id(), next),
        mayComment, mayHide);
  }

  /** The cursor of this page, for forms that come back to it. */
  public String cursor() {
    return Long.toString(page);
  }

  public long pageNumber() {
    return page + 1;
  }
}
