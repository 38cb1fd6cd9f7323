package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.UserTask;

/** Finds the Camunda user task a user task command is about, and the bits those commands share. */
final class UserTaskLookup {
  private UserTaskLookup() {}

  /** The task if it is created and in no transition, or the rejection (NOT_FOUND, FAILED_PRECONDITION). */
  static Object created(EngineState state, long key, String verb) {
    UserTask task = state.userTasks.get(key);
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

  /** The action the listeners see: the caller's, or the command's own name. */
  static String action(String given, String fallback) {
    return given == null || given.isBlank() ? fallback : given;
  }
}
