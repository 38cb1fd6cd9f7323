package dev.modelgate.engine.state;

/** Where an element instance is in its lifecycle. */
public enum LifecycleState {
  ACTIVATING,
  ACTIVATED,
  COMPLETING,
  TERMINATING
}
