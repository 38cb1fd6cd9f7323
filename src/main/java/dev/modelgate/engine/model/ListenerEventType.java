package dev.modelgate.engine.model;

/**
 * When a listener runs: {@code START}/{@code END} for execution listeners, the other five for user task
 * listeners (the lifecycle events of a Camunda user task that Camunda documents).
 */
public enum ListenerEventType {
  START,
  END,
  CREATING,
  ASSIGNING,
  UPDATING,
  COMPLETING,
  CANCELING;

  public boolean isTaskEvent() {
    return this != START && this != END;
  }

  /** Only these transitions may be denied by a listener; creation and cancellation always happen. */
  public boolean canBeDenied() {
    return this == ASSIGNING || this == UPDATING || this == COMPLETING;
  }
}
