package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.ExecutionListenerDone;
import dev.modelgate.engine.event.EngineEvent.ExecutionListenersStarted;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;

/** Appliers of execution listener events: where an element is in its listeners of a phase. */
final class ExecutionListenerAppliers {
  private final EngineState state;

  ExecutionListenerAppliers(EngineState state) {
    this.state = state;
  }

  void started(ExecutionListenersStarted e) {
    ElementInstance instance = state.instances.get(e.key());
    instance.listenerIndex = 0;
    if (e.startEventId() != null) { // a retried start phase of a process instance keeps its start event
      instance.startEventId = e.startEventId();
    }
  }

  void done(ExecutionListenerDone e) {
    state.instances.get(e.key()).listenerIndex++;
  }
}
