package dev.modelgate.discussion;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;
import dev.modelgate.kernel.Subject;

/**
 * What people do in discussions, each declared once with its permission and team scope (the team of the
 * thread's subject); the discussion API routes, the thread page and the discussion section use these.
 */
public final class DiscussionActions {

  /** Reading the threads of a subject ({@code type:id}). */
  public final Action<Subject> readOnSubject;
  public final Action<Subject> startThread;
  public final Action<DiscussionThread> readThread;
  public final Action<DiscussionThread> comment;
  /** A comment's actions are scoped by the team that owns it (the resource is that team). */
  public final Action<String> editComment;
  public final Action<String> deleteComment;
  public final Action<String> hideComment;
  public final Action<String> unhideComment;

  public DiscussionActions(Discussions discussions) {
    this.readOnSubject = Action.owned("thread.list", Permission.DISCUSSION_READ,
        key -> discussions.subjects().resolve(key), Subject::team);
    this.startThread = readOnSubject.with("thread.create", Permission.DISCUSSION_WRITE);
    this.readThread = Action.owned("thread.read", Permission.DISCUSSION_READ, id -> discussions.thread(id),
        t -> t.subject().team());
    this.comment = readThread.with("thread.comment", Permission.DISCUSSION_WRITE);
    this.editComment = Action.owned("comment.edit", Permission.DISCUSSION_WRITE,
        id -> discussions.teamOfComment(id), team -> team);
    this.deleteComment = editComment.with("comment.delete", Permission.DISCUSSION_WRITE);
    this.hideComment = editComment.with("comment.hide", Permission.COMMENT_HIDE);
    this.unhideComment = editComment.with("comment.unhide", Permission.COMMENT_HIDE);
  }
}
