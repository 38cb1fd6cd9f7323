package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** None intermediate throw events mark a milestone and pass through. */
public final class IntermediateThrowEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public IntermediateThrowEventProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.transitions.complete(instance);
  }
}
