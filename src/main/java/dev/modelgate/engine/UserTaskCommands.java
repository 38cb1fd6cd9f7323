package dev.modelgate.engine;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.CommandSink;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.state.UserTask;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's commands on Camunda user tasks, for the REST v2 routes (the Camunda client sends assign,
 * unassign, update and complete of Camunda user tasks over REST only). Each future completes once the
 * command's effects are durable and its task listeners have run; a refusal completes it exceptionally
 * with an {@link EngineRejectedException}. A null {@code action} takes Camunda's default for the command.
 *
 * <pre>{@code
 * engine.userTasks().complete(userTaskKey, "{\"approved\":true}", null).join();
 * }</pre>
 */
public final class UserTaskCommands {
  private final CommandSink sink;

  UserTaskCommands(CommandSink sink) {
    this.sink = sink;
  }

  /** Assigns the task; {@code allowOverride} false refuses when someone else has it (Camunda's claim). */
  public CompletableFuture<Void> assign(long userTaskKey, String assignee, String action, boolean allowOverride) {
    return send(new Command.AssignUserTask(userTaskKey, assignee, action, allowOverride)).thenApply(r -> null);
  }

  public CompletableFuture<Void> unassign(long userTaskKey, String action) {
    return send(new Command.UnassignUserTask(userTaskKey, action)).thenApply(r -> null);
  }

  /** Changes candidates, dates or priority; null fields of {@code changes} stay as they are, "" or [] clear. */
  public CompletableFuture<Void> update(long userTaskKey, UserTask.Changes changes, String action) {
    return send(new Command.UpdateUserTask(userTaskKey, changes, action)).thenApply(r -> null);
  }

  /** Completes the task with variables (a JSON object, or null), which reach its element like job variables. */
  public CompletableFuture<Void> complete(long userTaskKey, String variablesJson, String action) {
    return send(new Command.CompleteUserTask(userTaskKey, variablesJson, action)).thenApply(r -> null);
  }

  /** The task as it is now (NOT_FOUND once it is completed or canceled). */
  public CompletableFuture<UserTask> get(long userTaskKey) {
    return send(new Command.GetUserTask(userTaskKey)).thenApply(UserTask.class::cast);
  }

  /** The open Camunda user tasks, in creation order. */
  @SuppressWarnings("unchecked")
  public CompletableFuture<List<UserTask>> open() {
    return send(new Command.ListUserTasks()).thenApply(r -> List.copyOf((List<UserTask>) r));
  }

  private CompletableFuture<Object> send(Command command) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    sink.submit(command, new Responder() {
      @Override
      public void succeed(Object result) {
        future.complete(result);
      }

      @Override
      public void reject(Rejection rejection) {
        future.completeExceptionally(new EngineRejectedException(rejection));
      }
    });
    return future;
  }
}
