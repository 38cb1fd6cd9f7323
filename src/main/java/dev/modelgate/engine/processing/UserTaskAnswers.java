package dev.modelgate.engine.processing;

import dev.modelgate.engine.behavior.UserTaskBehavior;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.UserTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Callers of user task commands (assign, unassign, update, complete; SetVariables on a task with
 * updating listeners), answered when the task's transition ends: at once without listeners, else after
 * the last task listener's job or the first denial. Kept here, not in the state: after a restart the
 * caller's request is gone anyway.
 */
public final class UserTaskAnswers implements UserTaskBehavior.TransitionObserver {
  private record Waiting(Responder responder, Object result) {}

  private final ProcessingContext ctx;
  private final StateWriter writer;
  private final Map<Long, Waiting> waiting = new LinkedHashMap<>();

  UserTaskAnswers(ProcessingContext ctx, StateWriter writer) {
    this.ctx = ctx;
    this.writer = writer;
  }

  /** The caller waits for the transition the command is about to start; {@code result} is its answer. */
  public void await(long userTaskKey, Responder responder, Object result) {
    if (responder != Responder.NONE) {
      waiting.put(userTaskKey, new Waiting(responder, result));
    }
  }

  @Override
  public void finished(UserTask task, ListenerEventType event) {
    Waiting w = waiting.remove(task.key());
    if (w != null) {
      if (w.result() instanceof Results.Key k) {
        // a SetVariables that waited for the updating listeners took effect: its answered key is logged
        writer.append(new EngineEvent.VariableDocumentUpdated(k.key(), task.elementInstanceKey()));
      }
      ctx.afterDurable(() -> w.responder().succeed(w.result()));
    }
  }

  @Override
  public void denied(UserTask task, ListenerEventType event, String reason) {
    Waiting w = waiting.remove(task.key());
    if (w != null) {
      Rejection rejection = Rejection.precondition("The " + noun(event) + " of user task with key '" + task.key()
          + "' was denied by a task listener" + (reason.isEmpty() ? "" : ". Reason to deny: '" + reason + "'"));
      ctx.afterDurable(() -> w.responder().reject(rejection));
    }
  }

  @Override
  public void abandoned(UserTask task, ListenerEventType event) {
    Waiting w = waiting.remove(task.key());
    if (w != null) {
      Rejection rejection = Rejection.precondition("The " + noun(event) + " of user task with key '" + task.key()
          + "' did not happen: the user task was canceled");
      ctx.afterDurable(() -> w.responder().reject(rejection));
    }
  }

  private static String noun(ListenerEventType event) {
    return switch (event) {
      case ASSIGNING -> "assignment";
      case UPDATING -> "update";
      case COMPLETING -> "completion";
      default -> event.name().toLowerCase();
    };
  }

  /** Fails what waits (on shutdown). */
  void abandon(Rejection reason) {
    waiting.values().forEach(w -> w.responder().reject(reason));
    waiting.clear();
  }
}
