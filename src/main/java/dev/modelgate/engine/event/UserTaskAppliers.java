package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.UserTaskCanceled;
import dev.modelgate.engine.event.EngineEvent.UserTaskCanceling;
import dev.modelgate.engine.event.EngineEvent.UserTaskCompleted;
import dev.modelgate.engine.event.EngineEvent.UserTaskCreating;
import dev.modelgate.engine.event.EngineEvent.UserTaskListenerDone;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionDenied;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionFinished;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionRetried;
import dev.modelgate.engine.event.EngineEvent.UserTaskTransitionStarted;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.UserTask;

/** Appliers of Camunda user task events: the task record and the element instance's link to it. */
final class UserTaskAppliers {
  private final EngineState state;

  UserTaskAppliers(EngineState state) {
    this.state = state;
  }

  void creating(UserTaskCreating e) {
    UserTask task = e.task();
    state.userTasks.put(task.key(), task);
    ElementInstance instance = state.instances.get(task.elementInstanceKey());
    if (instance != null) {
      instance.userTaskKey = task.key();
    }
  }

  void transitionStarted(UserTaskTransitionStarted e) {
    replace(state.userTasks.get(e.key()).started(e.state(), e.transition()));
  }

  void listenerDone(UserTaskListenerDone e) {
    replace(state.userTasks.get(e.key()).listenerDone(e.proposed()));
  }

  void transitionRetried(UserTaskTransitionRetried e) {
    replace(state.userTasks.get(e.key()).retried());
  }

  void transitionFinished(UserTaskTransitionFinished e) {
    replace(state.userTasks.get(e.key()).finished());
  }

  void transitionDenied(UserTaskTransitionDenied e) {
    replace(state.userTasks.get(e.key()).denied());
  }

  void completed(UserTaskCompleted e) {
    remove(e.key());
  }

  void canceling(UserTaskCanceling e) {
    UserTask task = state.userTasks.get(e.key());
    unlink(task);
    replace(task.canceling(e.cancelingJobTypes()));
  }

  void canceled(UserTaskCanceled e) {
    remove(e.key());
  }

  private void replace(UserTask task) {
    state.userTasks.put(task.key(), task);
  }

  private void remove(long key) {
    UserTask task = state.userTasks.remove(key);
    if (task != null) {
      unlink(task);
    }
  }

  private void unlink(UserTask task) {
    ElementInstance instance = state.instances.get(task.elementInstanceKey());
    if (instance != null && instance.userTaskKey == task.key()) {
      instance.userTaskKey = -1;
    }
  }
}
