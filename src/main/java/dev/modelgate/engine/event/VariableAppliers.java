package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.VariableSet;
import dev.modelgate.engine.state.EngineState;

/** Appliers of variable events. */
final class VariableAppliers {
  private final EngineState state;

  VariableAppliers(EngineState state) {
    this.state = state;
  }

  void variableSet(VariableSet e) {
    state.instances.get(e.scopeKey()).variables.put(e.name(), e.value());
  }
}
