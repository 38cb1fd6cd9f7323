package dev.modelgate.engine.rest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The commands on Camunda user tasks the REST API offers. Each answers when the engine has made the change
 * durable, or fails with a {@link RestProblem} (404 unknown task, 409 a task in another state). The
 * requests are checked before they arrive here.
 */
public interface UserTaskActions {
  /** {@code allowOverride} false refuses (409) a task that already has an assignee. */
  CompletableFuture<Void> assign(long userTaskKey, String assignee, boolean allowOverride, String action);

  CompletableFuture<Void> unassign(long userTaskKey);

  CompletableFuture<Void> update(long userTaskKey, UserTaskChanges changes, String action);

  /** {@code variablesJson}: a JSON object, set on the task's scope before it completes. */
  CompletableFuture<Void> complete(long userTaskKey, String variablesJson, String action);

  /**
   * The changes of an update; a null attribute stays as it is ({@code dueDate}, {@code followUpDate}: an
   * empty string clears the date).
   */
  record UserTaskChanges(String dueDate, String followUpDate, List<String> candidateUsers,
      List<String> candidateGroups, Integer priority) {}

  /** An engine without Camunda user tasks: no task exists, so every command names an unknown key. */
  UserTaskActions NONE = new UserTaskActions() {
    private <T> CompletableFuture<T> unknown(long key) {
      return CompletableFuture.failedFuture(RestProblem.notFound(
          "Command 'UserTask' rejected with code 'NOT_FOUND': Expected to find user task with key '" + key
              + "', but no user task found"));
    }

    @Override
    public CompletableFuture<Void> assign(long key, String assignee, boolean allowOverride, String action) {
      return unknown(key);
    }

    @Override
    public CompletableFuture<Void> unassign(long key) {
      return unknown(key);
    }

    @Override
    public CompletableFuture<Void> update(long key, UserTaskChanges changes, String action) {
      return unknown(key);
    }

    @Override
    public CompletableFuture<Void> complete(long key, String variablesJson, String action) {
      return unknown(key);
    }
  };
}
