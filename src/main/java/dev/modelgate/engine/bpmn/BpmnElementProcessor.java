package dev.modelgate.engine.bpmn;

import dev.modelgate.engine.state.ElementInstance;

/**
 * The behaviour of one element kind, with the same lifecycle hooks for every kind. The state
 * transitions around the hooks (input/output mappings, boundary events, taking flows, removing the
 * instance) are done by {@link dev.modelgate.engine.behavior.StateTransitionBehavior}.
 */
public interface BpmnElementProcessor {

  /** The instance is activated (inputs mapped, boundary events open): do the element's work. */
  void onActivate(ElementInstance instance);

  /** The instance is completing (outputs mapped), before its outgoing flows are taken. */
  default void onComplete(ElementInstance instance) {}

  /** The instance is terminated (its children are already terminated). */
  default void onTerminate(ElementInstance instance) {}

  /** For containers: a child instance completed. */
  default void onChildCompleted(ElementInstance scope, ElementInstance child) {}
}
