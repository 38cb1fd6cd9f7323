package dev.modelgate.discussion.pages;

import dev.modelgate.discussion.Comment;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.kernel.Subject;
import dev.modelgate.pages.Viewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A subject's discussion as its page shows it: its threads, each with its first page of comments and a
 * link to the thread page for the rest. A comment's {@code html} is the sanitized HTML the discussion
 * feature rendered from its Markdown (never the raw text), withheld for hidden comments from those who
 * may not see them, and absent once deleted. Public because the templates read it.
 */
public record DiscussionView(String subject, List<ThreadView> threads, boolean mayComment) {

  static final int THREADS_SHOWN = 20;

  /** One thread and the comments of its first page; {@code more} when further pages exist. */
  public record ThreadView(String id, String title, String createdBy, Instant createdAt, List<CommentView> comments,
      long commentCount, boolean more) {

    public String href() {
      return "/threads/" + id;
    }
  }

  /**
   * One comment as this viewer may see it. {@code text} (the Markdown, for the edit form) only for its
   * author; {@code history} only when the text itself may be seen.
   */
  public record CommentView(String id, String parentId, String author, Instant createdAt, Instant editedAt,
      String html, String text, List<Comment.Edit> history, boolean mine, boolean deleted, String deletedBy,
      boolean hidden, String hiddenBy, String hiddenReason) {

    public boolean reply() {
      return parentId != null;
    }

    public String anchor() {
      return "comment-" + id;
    }

    public boolean edited() {
      return editedAt != null;
    }
  }

  /**
   * The discussion of {@code subject} for a viewer who may read it. Threads stored with another team than
   * the subject's (a workflow thread stored while the API still took a workflow's team from its creator)
   * are left out: the page's own access check was for the subject's team.
   */
  static DiscussionView of(Discussions discussions, Subject subject, Viewer v, boolean mayComment) {
    boolean seesHidden = discussions.seesHidden(v.principal(), subject.team());
    List<ThreadView> threads = new ArrayList<>();
    List<Document> summaries = discussions.threads(subject, Optional.empty()).threads();
    for (Document d : summaries.subList(0, Math.min(THREADS_SHOWN, summaries.size()))) {
      DiscussionThread t = discussions.thread(d.getString("id"));
      if (!t.subject().team().equals(subject.team())) {
        continue;
      }
      Discussions.ThreadPage page = discussions.threadPage(t, Optional.empty());
      List<CommentView> comments = page.comments().stream().map(c -> view(c, v, seesHidden)).toList();
      threads.add(new ThreadView(t.id(), t.title(), t.createdBy(), t.createdAt(), comments, t.commentCount(),
          page.next() != null));
    }
    return new DiscussionView(subject.key(), threads, mayComment);
  }

  static CommentView view(Comment c, Viewer v, boolean seesHidden) {
    boolean visible = !c.isDeleted() && (!c.isHidden() || seesHidden);
    boolean mine = c.author().equals(v.username());
    return new CommentView(c.id().toString(), c.parentId(), c.author(), c.createdAt(), c.editedAt(),
        visible ? c.html() : null, visible && mine ? c.text() : null, visible ? c.history() : List.of(), mine,
        c.isDeleted(), c.isDeleted() ? c.deleted().by() : null, c.isHidden(),
        c.isHidden() ? c.hidden().by() : null, c.isHidden() ? c.hidden().reason() : null);
  }
}
