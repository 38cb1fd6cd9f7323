package dev.modelgate.discussion.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static dev.modelgate.web.ApiRoute.BodyKind.OPTIONAL_JSON;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.discussion.Comment;
import dev.modelgate.discussion.DiscussionActions;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.HideRequest;
import dev.modelgate.discussion.NewComment;
import dev.modelgate.discussion.NewThread;
import dev.modelgate.kernel.Subject;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/** The discussion routes: threads on a subject, comments, edits, deletion, hiding and unhiding. */
public final class DiscussionRoutes {

  private final Discussions discussions;
  private final DiscussionActions actions;

  public DiscussionRoutes(Discussions discussions, DiscussionActions actions) {
    this.discussions = discussions;
    this.actions = actions;
  }

  public List<ApiRoute> table() {
    TeamScope subjectTeam = TeamScope.resource(this::subject);
    DiscussionActions a = actions;
    // The subject is named in the query or the body, not the path: the scope reads it there.
    return List.of(
        new ApiRoute(GET, "/threads", a.readOnSubject.permission(), subjectTeam, NONE, this::listThreads),
        new ApiRoute(POST, "/threads", a.startThread.permission(), subjectTeam, JSON, this::createThread),
        ApiRoute.of(GET, "/threads/:id", a.readThread, "id", NONE, this::getThread),
        ApiRoute.of(POST, "/threads/:id/comments", a.comment, "id", JSON, this::addComment),
        ApiRoute.of(PATCH, "/comments/:id", a.editComment, "id", JSON, this::editComment),
        ApiRoute.of(DELETE, "/comments/:id", a.deleteComment, "id", NONE, this::deleteComment),
        ApiRoute.of(POST, "/comments/:id/hide", a.hideComment, "id", OPTIONAL_JSON, this::hideComment),
        ApiRoute.of(POST, "/comments/:id/unhide", a.unhideComment, "id", NONE, this::unhideComment));
  }

  /** The subject from the query (or, when posting, the body), resolved to its team before the access check. */
  private TeamScope.Owned subject(RoutingContext ctx) {
    JsonObject body = bodyIfObject(ctx);
    String subject = Optional.ofNullable(ctx.queryParams().get("subject"))
        .orElse(body.getValue("subject") instanceof String s ? s : null);
    Subject resolved = discussions.subjects().resolve(subject);
    return new TeamScope.Owned(resolved.team(), resolved);
  }

  private static JsonObject bodyIfObject(RoutingContext ctx) {
    try {
      if (ctx.body() != null && ctx.body().length() > 0 && ctx.body().asString().stripLeading().startsWith("{")) {
        return ctx.body().asJsonObject();
      }
    } catch (RuntimeException e) {
      // unreachable: the router refuses a malformed body before this lookup
    }
    return new JsonObject();
  }

  private Reply listThreads(ApiCall call) {
    Subject subject = call.resource(Subject.class);
    Discussions.ThreadList list = discussions.threads(subject, call.query("after"));
    JsonArray items = new JsonArray();
    list.threads().forEach(d -> items.add(DiscussionJson.threadSummary(d)));
    return Reply.ok(new JsonObject().put("subject", DiscussionJson.subject(subject)).put("team", subject.team())
        .put("items", items).put("next", list.next() == null ? null : list.next().toString()));
  }

  private Reply createThread(ApiCall call) {
    NewThread req = NewThread.parse(call.body());
    DiscussionThread t = discussions.createThread(call.resource(Subject.class), call.principal(), req);
    return Reply.created(DiscussionJson.thread(t), "/api/v1/threads/" + t.id());
  }

  private Reply getThread(ApiCall call) {
    Discussions.ThreadPage page = discussions.threadPage(call.resource(DiscussionThread.class), call.query("after"));
    boolean seesHidden = discussions.seesHidden(call.principal(), call.team());
    JsonArray comments = new JsonArray();
    page.comments().forEach(c -> comments.add(DiscussionJson.comment(c, seesHidden)));
    return Reply.ok(DiscussionJson.thread(page.thread()).put("page", page.page()).put("comments", comments)
        .put("next", page.next() == null ? null : page.next().toString()));
  }

  private Reply addComment(ApiCall call) {
    Comment c = discussions.addComment(call.resource(DiscussionThread.class), call.principal(),
        NewComment.parse(call.body()));
    return Reply.created(DiscussionJson.comment(c, true), "/api/v1/comments/" + c.id());
  }

  private Reply editComment(ApiCall call) {
    Comment c = discussions.edit(call.path("id"), call.principal(), NewComment.parseEdit(call.body()));
    return Reply.ok(DiscussionJson.comment(c, true));
  }

  private Reply deleteComment(ApiCall call) {
    discussions.delete(call.path("id"), call.principal());
    return Reply.noContent();
  }

  private Reply hideComment(ApiCall call) {
    Comment c = discussions.hide(call.path("id"), call.principal(), HideRequest.parse(call.optionalBody()).reason());
    return Reply.ok(DiscussionJson.comment(c, true));
  }

  private Reply unhideComment(ApiCall call) {
    return Reply.ok(DiscussionJson.comment(discussions.unhide(call.path("id"), call.principal()), true));
  }
}
