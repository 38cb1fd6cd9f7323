package dev.modelgate.pages;

import dev.modelgate.discussion.Comment;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A subject's discussion as a page shows it: its threads, each with its first page of comments. A
 * comment's {@code html} is the sanitized HTML the discussion feature rendered from its Markdown (never
 * the raw text), withheld for hidden comments from those who may not see them, and absent once deleted.
 * Public because the templates read it.
 */
public record DiscussionView(List<ThreadView> threads) {

  static final int THREADS_SHOWN = 20;

  /** One thread and the comments of its first page; {@code more} when further pages exist. */
  public record ThreadView(String id, String title, String createdBy, Instant createdAt, List<CommentView> comments,
      boolean more) {}

  /** One comment as this viewer may see it. */
  public record CommentView(String id, String parentId, String author, Instant createdAt, Instant editedAt,
      String html, boolean deleted, boolean hidden, String hiddenBy, String hiddenReason) {

    public boolean reply() {
      return parentId != null;
    }

    public String anchor() {
      return "comment-" + id;
    }
  }

  static DiscussionView of(Discussions discussions, Subject subject, boolean seesHidden) {
    List<ThreadView> threads = new ArrayList<>();
    List<Document> summaries = discussions.threads(subject, java.util.Optional.empty()).threads();
    for (Document d : summaries.subList(0, Math.min(THREADS_SHOWN, summaries.size()))) {
      DiscussionThread t = discussions.thread(d.getString("id"));
      Discussions.ThreadPage page = discussions.threadPage(t, java.util.Optional.empty());
      List<CommentView> comments = page.comments().stream().map(c -> view(c, seesHidden)).toList();
      threads.add(new ThreadView(t.id(), t.title(), t.createdBy(), t.createdAt(), comments, page.next() != null));
    }
    return new DiscussionView(threads);
  }

  private static CommentView view(Comment c, boolean seesHidden) {
    boolean visible = !c.isDeleted() && (!c.isHidden() || seesHidden);
    return new CommentView(c.id().toString(), c.parentId(), c.author(), c.createdAt(), c.editedAt(),
        visible ? c.html() : null, c.isDeleted(), c.isHidden(), c.isHidden() ? c.hidden().by() : null,
        c.isHidden() ? c.hidden().reason() : null);
  }
}
