package dev.modelgate.discussion;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.kernel.Subject;
import dev.modelgate.notify.Notification;
import dev.modelgate.notify.Notifier;
import dev.modelgate.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The discussion rules: threads on a subject, comments rendered safely, replies within the thread, edits
 * by the author with history, tombstones, hiding by leads, and mention notifications to the members of
 * the subject's team (nobody else may see the subject, so nobody else is told about it).
 */
public final class Discussions {

  /** One page of a thread: the thread, its comments on this page, and the next page (null at the end). */
  public record ThreadPage(DiscussionThread thread, List<Comment> comments, long page, Long next) {}

  /** One page of a subject's threads. */
  public record ThreadList(Subject subject, List<org.bson.Document> threads, Long next) {}

  private final DiscussionRepository repository;
  private final SubjectResolver subjects;
  private final MarkdownRenderer markdown;
  private final TeamMembers members;
  private final Notifier notifier;
  private final AuditTrail audit;
  private final AccessPolicy policy;
  private final Clock clock;

  public Discussions(DiscussionRepository repository, SubjectResolver subjects, MarkdownRenderer markdown,
      TeamMembers members, Notifier notifier, AuditTrail audit, AccessPolicy policy, Clock clock) {
    this.repository = repository;
    this.subjects = subjects;
    this.markdown = markdown;
    this.members = members;
    this.notifier = notifier;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
  }

  public void ensureIndexes() {
    repository.ensureIndexes();
  }

  public SubjectResolver subjects() {
    return subjects;
  }

  public DiscussionThread thread(String id) {
    Optional<DiscussionThread> t = Ids.isValid(id) ? repository.find(id) : Optional.empty();
    return t.orElseThrow(() -> Refusal.notFound("no thread '" + id + "'"));
  }

  /** The team of a comment's thread, for the access check; 404 when the comment does not exist. */
  public String teamOfComment(String rawId) {
    CommentId id = CommentId.parse(rawId).orElseThrow(() -> Refusal.notFound("no comment '" + rawId + "'"));
    return thread(id.threadId()).subject().team();
  }

  public DiscussionThread createThread(Subject subject, Principal by, NewThread req) {
    DiscussionThread t = new DiscussionThread(Ids.newId(), subject, req.title(), by.username(), now(), 0);
    repository.insert(t);
    audit.record(new AuditEvent(by.username(), "thread.created", subject.team(), "thread", t.id(),
        Map.of("subject", subject.key(), "title", t.title())));
    if (req.text() != null) {
      addComment(t, by, new NewComment(req.text(), null));
      return thread(t.id());
    }
    return t;
  }

  public ThreadList threads(Subject subject, Optional<String> after) {
    long page = pageNumber(after);
    long count = repository.threadCount(subject.key());
    long pages = (count + DiscussionRepository.THREADS_PER_PAGE - 1) / DiscussionRepository.THREADS_PER_PAGE;
    return new ThreadList(subject, repository.threadSummaries(subject.key(), page), page + 1 < pages ? page + 1 : null);
  }

  public ThreadPage threadPage(DiscussionThread t, Optional<String> after) {
    long page = pageNumber(after);
    long pages = (t.commentCount() + DiscussionRepository.COMMENTS_PER_PAGE - 1)
        / DiscussionRepository.COMMENTS_PER_PAGE;
    return new ThreadPage(t, repository.commentPage(t.id(), page), page, page + 1 < pages ? page + 1 : null);
  }

  public Comment addComment(DiscussionThread t, Principal by, NewComment req) {
    if (req.parentId() != null) {
      Optional<CommentId> parent = CommentId.parse(req.parentId()).filter(p -> p.threadId().equals(t.id()));
      if (parent.isEmpty() || repository.findComment(parent.get()).isEmpty()) {
        throw Refusal.unacceptable("parentId", "no comment '" + req.parentId() + "' in this thread");
      }
    }
    MarkdownRenderer.Rendered rendered = markdown.render(req.text());
    long pos = repository.allocateCommentPosition(t.id())
        .orElseThrow(() -> Refusal.notFound("no thread '" + t.id() + "'"));
    Comment c = new Comment(new CommentId(t.id(), pos), req.parentId(), by.username(), req.text(), rendered.html(),
        rendered.mentions(), now(), null, List.of(), null, null);
    repository.putComment(c);
    // Who said something where, and when; the text itself stays in the discussion (with its edit history).
    audit.record(new AuditEvent(by.username(), "comment.added", t.subject().team(), "comment", c.id().toString(),
        Map.of("thread", t.id(), "subject", t.subject().key(), "length", req.text().length(),
            "reply", req.parentId() != null)));
    notifyMentions(t, c, by, rendered.mentions());
    return c;
  }

  public Comment comment(String rawId) {
    CommentId id = CommentId.parse(rawId).orElseThrow(() -> Refusal.notFound("no comment '" + rawId + "'"));
    return repository.findComment(id).orElseThrow(() -> Refusal.notFound("no comment '" + rawId + "'"));
  }

  public Comment edit(String rawId, Principal by, String text) {
    Comment c = comment(rawId);
    requireAuthor(c, by, "edit");
    if (c.isDeleted()) {
      throw Refusal.conflict("comment '" + rawId + "' is deleted");
    }
    DiscussionThread t = thread(c.id().threadId());
    MarkdownRenderer.Rendered rendered = markdown.render(text);
    Instant at = now();
    repository.edit(c.id(), text, rendered.html(), rendered.mentions(), new Comment.Edit(by.username(), at, c.text()));
    audit.record(new AuditEvent(by.username(), "comment.edited", t.subject().team(), "comment", rawId,
        Map.of("thread", t.id(), "previousLength", c.text().length(), "newLength", text.length())));
    Set<String> newlyMentioned = new HashSet<>(rendered.mentions());
    newlyMentioned.removeAll(c.mentions());
    notifyMentions(t, c, by, newlyMentioned);
    return comment(rawId);
  }

  public void delete(String rawId, Principal by) {
    Comment c = comment(rawId);
    requireAuthor(c, by, "delete");
    if (c.isDeleted()) {
      return;
    }
    String team = thread(c.id().threadId()).subject().team();
    repository.delete(c.id(), new Comment.Removal(by.username(), now(), null));
    audit.record(new AuditEvent(by.username(), "comment.deleted", team, "comment", rawId,
        Map.of("thread", c.id().threadId())));
  }

  public Comment hide(String rawId, Principal by, String reason) {
    Comment c = comment(rawId);
    String team = thread(c.id().threadId()).subject().team();
    repository.hide(c.id(), new Comment.Removal(by.username(), now(), reason));
    audit.record(new AuditEvent(by.username(), "comment.hidden", team, "comment", rawId,
        reason == null ? Map.of("thread", c.id().threadId()) : Map.of("thread", c.id().threadId(), "reason", reason)));
    return comment(rawId);
  }

  /** Shows a hidden comment again (a lead's second thought); recorded in the audit trail like the hide. */
  public Comment unhide(String rawId, Principal by) {
    Comment c = comment(rawId);
    if (!c.isHidden()) {
      return c;
    }
    String team = thread(c.id().threadId()).subject().team();
    repository.unhide(c.id());
    audit.record(new AuditEvent(by.username(), "comment.unhidden", team, "comment", rawId,
        Map.of("thread", c.id().threadId())));
    return comment(rawId);
  }

  /** The page of a thread that holds a comment, as the {@code after} cursor of {@link #threadPage}. */
  public String pageCursorOf(CommentId id) {
    return Long.toString(repository.commentPages().pageOf(id.position()));
  }

  /** Whether the caller may read a hidden comment's text: leads of the team and the platform admin. */
  public boolean seesHidden(Principal who, String team) {
    return who.admin() || policy.allows(who, Permission.COMMENT_HIDE, Optional.of(team));
  }

  private void notifyMentions(DiscussionThread t, Comment c, Principal by, Set<String> mentioned) {
    if (mentioned.isEmpty()) {
      return;
    }
    for (String user : mentioned) {
      if (user.equals(by.username()) || !members.includes(t.subject().team(), user)) {
        continue;
      }
      notifier.notify(new Notification(user, "mention", t.subject().team(), t.subject().type().id(),
          t.subject().id(), by.username() + " mentioned you in \u201c" + t.title() + "\u201d",
          threadPageLink(c.id())));
    }
  }

  /** The thread page that shows the comment (its page of the thread), at the comment. */
  private String threadPageLink(CommentId id) {
    long page = repository.commentPages().pageOf(id.position());
    return "/threads/" + id.threadId() + (page > 0 ? "?after=" + page : "") + "#comment-" + id;
  }

  private static void requireAuthor(Comment c, Principal by, String what) {
    if (!c.author().equals(by.username())) {
      throw Refusal.forbidden("only the author may " + what + " this comment");
    }
  }

  private static long pageNumber(Optional<String> after) {
    if (after.isEmpty()) {
      return 0;
    }
    try {
      long p = Long.parseLong(after.get());
      if (p >= 0) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the 400
    }
    throw Refusal.invalid("after", "must be the 'next' value of a previous page");
  }

  private Instant now() {
    return Instant.now(clock);
  }
}
