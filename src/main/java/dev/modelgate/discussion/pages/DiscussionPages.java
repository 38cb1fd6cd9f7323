package dev.modelgate.discussion.pages;

import dev.modelgate.discussion.Comment;
import dev.modelgate.discussion.CommentId;
import dev.modelgate.discussion.DiscussionActions;
import dev.modelgate.discussion.DiscussionRepository;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.HideRequest;
import dev.modelgate.discussion.NewComment;
import dev.modelgate.discussion.NewThread;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.FormJson;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.SubjectLink;
import dev.modelgate.pages.SubjectPage;
import dev.modelgate.pages.Viewer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discussions in the pages. {@code /threads/{id}} (the link mention notifications carry) shows a whole
 * thread, page by page, with reply, edit, delete and hide forms. Every discussion form of every subject
 * page posts here: a new thread names its subject in a hidden field, a comment names where it was written
 * ({@code from}: the subject's page or the thread page) so the answer goes back there. The rules (who may
 * edit, delete, hide) are the discussion feature's and the access policy's; this only maps forms to them.
 */
public final class DiscussionPages {

  /** Where a comment form was: the subject's page (first page of each thread) or the thread page. */
  static final String FROM_THREAD = "thread";

  private final PageKit kit;
  private final Discussions discussions;
  private final DiscussionActions actions;

  public DiscussionPages(PageKit kit, Discussions discussions, DiscussionActions actions) {
    this.actions = actions;
    this.kit = kit;
    this.discussions = discussions;
  }

  public void mount(PageMount mount) {
    mount.get("/threads/:id", this::view);
    mount.post("/threads", this::newThread);
    mount.post("/threads/:thread/comments", this::comment);
    mount.post("/comments/:id/edit", this::edit);
    mount.post("/comments/:id/delete", this::delete);
    mount.post("/comments/:id/hide", this::hide);
    mount.post("/comments/:id/unhide", this::unhide);
  }

  // --- loading with the read check ----------------------------------------------------------------------

  private DiscussionThread thread(Viewer v, String id) {
    return kit.open(v, actions.readThread, id);
  }

  /** A comment and its thread; a missing comment or one of another team is the pages' 404. */
  private Located comment(Viewer v, String rawId) {
    Comment c = PageKit.load(() -> discussions.comment(rawId));
    return new Located(thread(v, c.id().threadId()), c);
  }

  private record Located(DiscussionThread thread, Comment comment) {}

  private SubjectPage pageOf(Subject s) {
    // Every subject a thread can be about has its page (registered by the feature that owns the subject).
    return kit.subjects().page(s.type()).orElseThrow();
  }

  /** The hidden {@code subject} field ({@code type:id}), resolved by the subject's page with its read check. */
  private Subject subject(Viewer v, PageCall call) {
    String raw = call.field("subject").orElse("");
    int colon = raw.indexOf(':');
    Optional<SubjectType> type = colon > 0 ? SubjectType.parse(raw.substring(0, colon)) : Optional.empty();
    if (type.isEmpty() || kit.subjects().page(type.get()).isEmpty()) {
      throw Refusal.invalid("subject", "must be <type>:<id> with type project, model-version or "
          + "workflow");
    }
    return kit.subjects().page(type.get()).orElseThrow().subject(v, raw.substring(colon + 1));
  }

  // --- the thread page ----------------------------------------------------------------------------------

  private PageResult view(PageCall call) {
    Viewer v = kit.viewer(call);
    DiscussionThread t = thread(v, call.path("id"));
    return show(200, v, call, t, call.query("after"), Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, DiscussionThread t, Optional<String> after,
      Map<String, Object> failure) {
    String team = t.subject().team();
    Discussions.ThreadPage page = discussions.threadPage(t, after);
    boolean seesHidden = discussions.seesHidden(v.principal(), team);
    var comments = page.comments().stream().map(c -> DiscussionView.view(c, v, seesHidden)).toList();
    ThreadPageView view = ThreadPageView.of(page.thread(), link(t.subject()), comments, page.page(), page.next(),
        kit.allows(v, actions.comment, team), kit.allows(v, actions.hideComment, team),
        DiscussionRepository.COMMENTS_PER_PAGE);
    Map<String, Object> vars = new HashMap<>(failure);
    vars.put("thread", view);
    return kit.render(status, "thread", t.title(), v, call, vars);
  }

  /** The subject's name and page; a subject that is gone keeps its key and links nowhere useful. */
  private SubjectLink link(Subject s) {
    try {
      return pageOf(s).link(s);
    } catch (Refusal e) {
      return new SubjectLink(s.key(), "/dashboard");
    }
  }

  // --- forms --------------------------------------------------------------------------------------------

  private PageResult newThread(PageCall call) {
    Viewer v = kit.formViewer(call);
    Subject s = subject(v, call);
    kit.require(v, actions.startThread, s.team());
    try {
      DiscussionThread t = discussions.createThread(s, v.principal(), NewThread.parse(fields(call, "title", "text")));
      return PageKit.redirect(call, pageOf(s).link(s).href() + "#thread-" + t.id(),
          Flash.success("Discussion started."));
    } catch (Refusal e) {
      return refusedOnSubject(v, call, s, "new-thread", e);
    }
  }

  private PageResult comment(PageCall call) {
    Viewer v = kit.formViewer(call);
    DiscussionThread t = thread(v, call.path("thread"));
    kit.require(v, actions.comment, t.subject().team());
    String form = "comment-" + t.id() + call.field("parentId").map(p -> "-" + p).orElse("");
    try {
      Comment c = discussions.addComment(t, v.principal(), NewComment.parse(fields(call, "text", "parentId")));
      boolean onFirstPage = discussions.pageCursorOf(c.id()).equals("0");
      String back = fromThreadPage(call) || !onFirstPage
          ? atComment(c.id())
          : pageOf(t.subject()).link(t.subject()).href() + "#thread-" + t.id();
      return PageKit.redirect(call, back, Flash.success("Comment posted."));
    } catch (Refusal e) {
      if (fromThreadPage(call)) {
        return refusedOnThread(v, call, t, call.field("after"), form, e);
      }
      return refusedOnSubject(v, call, t.subject(), form, e);
    }
  }

  private PageResult edit(PageCall call) {
    Viewer v = kit.formViewer(call);
    Located l = comment(v, call.path("id"));
    kit.require(v, actions.editComment, l.thread().subject().team());
    try {
      discussions.edit(l.comment().id().toString(), v.principal(), NewComment.parseEdit(fields(call, "text")));
      return PageKit.redirect(call, atComment(l.comment().id()), Flash.success("Comment edited."));
    } catch (Refusal e) {
      return refusedOnThread(v, call, l.thread(), Optional.of(discussions.pageCursorOf(l.comment().id())),
          "edit-" + l.comment().id(), e);
    }
  }

  private PageResult delete(PageCall call) {
    Viewer v = kit.formViewer(call);
    Located l = comment(v, call.path("id"));
    kit.require(v, actions.deleteComment, l.thread().subject().team());
    discussions.delete(l.comment().id().toString(), v.principal());
    return PageKit.redirect(call, atComment(l.comment().id()), Flash.success("Comment deleted."));
  }

  private PageResult hide(PageCall call) {
    Viewer v = kit.formViewer(call);
    Located l = comment(v, call.path("id"));
    kit.require(v, actions.hideComment, l.thread().subject().team());
    try {
      discussions.hide(l.comment().id().toString(), v.principal(), HideRequest.parse(fields(call, "reason")).reason());
      return PageKit.redirect(call, atComment(l.comment().id()), Flash.success("Comment hidden."));
    } catch (Refusal e) {
      return refusedOnThread(v, call, l.thread(), Optional.of(discussions.pageCursorOf(l.comment().id())),
          "hide-" + l.comment().id(), e);
    }
  }

  private PageResult unhide(PageCall call) {
    Viewer v = kit.formViewer(call);
    Located l = comment(v, call.path("id"));
    kit.require(v, actions.unhideComment, l.thread().subject().team());
    discussions.unhide(l.comment().id().toString(), v.principal());
    return PageKit.redirect(call, atComment(l.comment().id()), Flash.success("Comment shown again."));
  }

  // --- helpers ------------------------------------------------------------------------------------------

  /** The form's fields as the JSON body the discussion feature's parsers read (same rules as the API). */
  private static JsonObject fields(PageCall call, String... names) {
    JsonObject body = new JsonObject();
    for (String name : names) {
      FormJson.text(body, call, name);
    }
    return body;
  }

  private static boolean fromThreadPage(PageCall call) {
    return call.field("from").filter(FROM_THREAD::equals).isPresent();
  }

  /** The thread page that holds the comment, at the comment. */
  private String atComment(CommentId id) {
    return ThreadPageView.href(id.threadId(), Long.parseLong(discussions.pageCursorOf(id))) + "#comment-" + id;
  }

  /**
   * Input the feature refused (400/422): the page again, the message at the form and its fields. Anything
   * else (403 not allowed, 404, 409 on a deleted comment) is the error page: that form is not shown to
   * this viewer, so a message at it would not be seen.
   */
  private static boolean atTheForm(Refusal e) {
    return e.is(Refusal.Kind.INVALID) || e.is(Refusal.Kind.UNACCEPTABLE);
  }

  private PageResult refusedOnSubject(Viewer v, PageCall call, Subject s, String form, Refusal e) {
    if (!atTheForm(e)) {
      throw e;
    }
    PageKit.FormFailure failure = PageKit.FormFailure.of(e);
    return pageOf(s).show(failure.status(), v, call, s, failure.vars(form, submitted(call)));
  }

  private PageResult refusedOnThread(Viewer v, PageCall call, DiscussionThread t, Optional<String> after,
      String form, Refusal e) {
    if (!atTheForm(e)) {
      throw e;
    }
    PageKit.FormFailure failure = PageKit.FormFailure.of(e);
    Optional<String> cursor = after.filter(a -> a.chars().allMatch(Character::isDigit));
    return show(failure.status(), v, call, discussions.thread(t.id()), cursor, failure.vars(form, submitted(call)));
  }

  private static Map<String, String> submitted(PageCall call) {
    Map<String, String> submitted = new LinkedHashMap<>();
    for (String f : List.of("title", "text", "parentId", "reason")) {
      call.field(f).ifPresent(value -> submitted.put(f, value));
    }
    return submitted;
  }
}
