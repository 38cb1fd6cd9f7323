package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** Start events (none, message, timer): the event already happened; message variables go to the scope. */
public final class StartEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public StartEventProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.variables.applyEventVariables(instance);
    b.transitions.complete(instance);
  }
}
