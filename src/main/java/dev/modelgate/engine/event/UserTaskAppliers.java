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
import dev.modelgate.engine.model.ListenerEventType;
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
    UserTask task = state.userTasks.get(e.key());
    state.userTasks.put(task.key(), task.with(e.state(), task.attributes(), e.transition()));
  }

  void listenerDone(UserTaskListenerDone e) {
    UserTask task = state.userTasks.get(e.key());
    UserTask.Transition t = task.transition();
    state.userTasks.put(task.key(), task.with(task.state(), task.attributes(),
        t.withProposed(e.proposed(), t.nextListener() + 1)));
  }

  void transitionRetried(UserTaskTransitionRetried e) {
    UserTask task = state.userTasks.get(e.key());
    UserTask.Transition t = task.transition();
    state.userTasks.put(task.key(), task.with(task.state(), task.attributes(), t.withProposed(t.requested(), 0)));
  }

  void transitionFinished(UserTaskTransitionFinished e) {
    UserTask task = state.userTasks.get(e.key());
    state.userTasks.put(task.key(), task.with(UserTask.State.CREATED, task.transition().proposed(), null));
  }

  void transitionDenied(UserTaskTransitionDenied e) {
    UserTask task = state.userTasks.get(e.key());
    state.userTasks.put(task.key(), task.with(UserTask.State.CREATED, task.attributes(), null));
  }

  void completed(UserTaskCompleted e) {
    remove(e.key());
  }

  void canceling(UserTaskCanceling e) {
    UserTask task = state.userTasks.get(e.key());
    unlink(task);
    state.userTasks.put(task.key(), task.with(UserTask.State.CANCELING, task.attributes(),
        new UserTask.Transition(ListenerEventType.CANCELING, "", task.attributes(), task.attributes(), 0, null, null,
            e.cancelingJobTypes())));
  }

  void canceled(UserTaskCanceled e) {
    remove(e.key());
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
