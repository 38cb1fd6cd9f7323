package dev.modelgate.engine.processing;

import dev.modelgate.engine.behavior.UserTaskBehavior;
import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.processing.Command.AssignUserTask;
import dev.modelgate.engine.processing.Command.CompleteUserTask;
import dev.modelgate.engine.processing.Command.GetUserTask;
import dev.modelgate.engine.processing.Command.UnassignUserTask;
import dev.modelgate.engine.processing.Command.UpdateUserTask;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The commands on Camunda user tasks (assign, unassign, update, complete; the REST API's user-task
 * routes send them). A command is answered when its transition ends: at once without listeners, else
 * after the last task listener's job (or the first denial). The waiting answers live here, not in the
 * state: after a restart the client's request is gone anyway.
 */
final class UserTaskCommandProcessor implements UserTaskBehavior.TransitionObserver {
  private final BpmnBehaviors b;
  private final ProcessingContext ctx;
  /** Per user task: who waits for the running transition, and what they get when it succeeds. */
  private record Waiting(Responder responder, Object result) {}

  private final Map<Long, Waiting> waiting = new LinkedHashMap<>();

  UserTaskCommandProcessor(BpmnBehaviors b, ProcessingContext ctx) {
    this.b = b;
    this.ctx = ctx;
    b.userTasks.observe(this);
  }

  /** The task if it is created and not in a transition, else why the command is refused. */
  private Object created(long key, String verb) {
    UserTask task = b.userTasks.get(key);
    if (task == null) {
      return Rejection.notFound("Expected to " + verb + " user task with key '" + key
          + "', but no such user task was found");
    }
    if (task.state() != UserTask.State.CREATED) {
      return Rejection.precondition("Expected to " + verb + " user task with key '" + key
          + "', but it is in state '" + task.state() + "'");
    }
    return task;
  }

  private void await(long key, Responder responder) {
    await(key, responder, new Results.Empty());
  }

  private void await(long key, Responder responder, Object result) {
    if (responder != Responder.NONE) {
      waiting.put(key, new Waiting(responder, result));
    }
  }

  /**
   * SetVariables on the element of a Camunda user task with updating listeners: an update of the task,
   * answered (with {@code result}) once the listeners agree.
   */
  Object setVariables(dev.modelgate.engine.state.ElementInstance scope, String variablesJson, boolean local,
      Object result, Responder responder) {
    UserTask task = b.userTasks.get(scope.userTaskKey);
    if (task.state() != UserTask.State.CREATED) {
      return Rejection.precondition("Expected to update the variables of user task with key '" + task.key()
          + "', but it is in state '" + task.state() + "'");
    }
    await(task.key(), responder, result);
    b.userTasks.updateVariables(task, variablesJson, local);
    return null;
  }

  Object assign(AssignUserTask c, Responder responder) {
    if (c.assignee() == null || c.assignee().isBlank()) {
      return Rejection.invalid("Expected to assign user task with key '" + c.userTaskKey()
          + "' to a non-empty 'assignee'");
    }
    Object found = created(c.userTaskKey(), "assign");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    String current = task.attributes().assignee();
    if (!c.allowOverride() && current != null && !current.equals(c.assignee())) {
      return Rejection.precondition("Expected to claim user task with key '" + c.userTaskKey()
          + "', but it has already been assigned");
    }
    await(task.key(), responder);
    b.userTasks.assign(task, c.assignee(), action(c.action(), c.allowOverride() ? "assign" : "claim"));
    return null;
  }

  Object unassign(UnassignUserTask c, Responder responder) {
    Object found = created(c.userTaskKey(), "unassign");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    await(task.key(), responder);
    b.userTasks.assign(task, null, action(c.action(), "unassign"));
    return null;
  }

  Object update(UpdateUserTask c, Responder responder) {
    UserTask.Changes changes = c.changes() == null ? UserTask.Changes.NONE : c.changes();
    if (changes.assignee() != null) {
      return Rejection.invalid("Expected to update user task with key '" + c.userTaskKey()
          + "' without 'assignee' (assign or unassign it instead)");
    }
    String invalid = UserTaskBehavior.invalidChange(changes);
    if (invalid != null) {
      return Rejection.invalid("Expected to update user task with key '" + c.userTaskKey() + "', but " + invalid);
    }
    Object found = created(c.userTaskKey(), "update");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    await(task.key(), responder);
    b.userTasks.update(task, changes, action(c.action(), "update"));
    return null;
  }

  Object complete(CompleteUserTask c, Responder responder) {
    String variables = c.variables() == null || c.variables().isBlank() ? "{}" : c.variables();
    try {
      Json.parseObject(variables);
    } catch (IllegalArgumentException e) {
      return Rejection.invalid("Property 'variables' is invalid: " + e.getMessage());
    }
    Object found = created(c.userTaskKey(), "complete");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    await(task.key(), responder);
    b.userTasks.complete(task, variables, action(c.action(), "complete"));
    return null;
  }

  Object get(GetUserTask c) {
    UserTask task = b.userTasks.get(c.userTaskKey());
    if (task == null) {
      return Rejection.notFound("Expected to find user task with key '" + c.userTaskKey()
          + "', but no such user task was found");
    }
    return task;
  }

  Object list() {
    return new ArrayList<>(b.state.userTasks.values());
  }

  private static String action(String given, String fallback) {
    return given == null || given.isBlank() ? fallback : given;
  }

  // ------------------------------------------------------------------ transition outcomes

  @Override
  public void finished(UserTask task, ListenerEventType event) {
    Waiting w = waiting.remove(task.key());
    if (w != null) {
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
  void abandonWaiting(Rejection reason) {
    waiting.values().forEach(w -> w.responder().reject(reason));
    waiting.clear();
  }
}
