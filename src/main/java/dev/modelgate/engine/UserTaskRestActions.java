package dev.modelgate.engine;

import dev.modelgate.engine.rest.RestProblem;
import dev.modelgate.engine.rest.UserTaskActions;
import dev.modelgate.engine.state.UserTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The REST API's user-task commands ({@link UserTaskActions}) carried out by the engine's {@link
 * UserTaskCommands}; a refusal becomes the matching {@link RestProblem} (404 unknown task, 409 wrong state).
 */
final class UserTaskRestActions implements UserTaskActions {
  private final UserTaskCommands commands;

  UserTaskRestActions(UserTaskCommands commands) {
    this.commands = commands;
  }

  @Override
  public CompletableFuture<Void> assign(long userTaskKey, String assignee, boolean allowOverride, String action) {
    return problems(commands.assign(userTaskKey, assignee, action, allowOverride));
  }

  @Override
  public CompletableFuture<Void> unassign(long userTaskKey) {
    return problems(commands.unassign(userTaskKey, null));
  }

  @Override
  public CompletableFuture<Void> update(long userTaskKey, UserTaskChanges changes, String action) {
    // the REST changeset has no assignee: assigning is its own command
    return problems(commands.update(userTaskKey, new UserTask.Changes(null, changes.candidateGroups(),
        changes.candidateUsers(), changes.dueDate(), changes.followUpDate(), changes.priority()), action));
  }

  @Override
  public CompletableFuture<Void> complete(long userTaskKey, String variablesJson, String action) {
    return problems(commands.complete(userTaskKey, variablesJson, action));
  }

  private static CompletableFuture<Void> problems(CompletableFuture<Void> answer) {
    return answer.exceptionallyCompose(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      return CompletableFuture.failedFuture(cause instanceof EngineRejectedException r
          ? RestProblem.of(r.rejection()) : cause);
    });
  }
}
