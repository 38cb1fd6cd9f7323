package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Boundary events (timer, message, signal, error, escalation) are activated when their event occurred (the host is
 * already terminated when interrupting); they pass the event's variables on and complete.
 */
public final class BoundaryEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public BoundaryEventProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.variables.applyEventVariables(instance);
    b.transitions.complete(instance);
  }
}
