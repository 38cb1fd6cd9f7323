package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** Manual and undefined tasks: nothing to do, they complete at once. */
public final class PassThroughTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public PassThroughTaskProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.transitions.complete(instance);
  }
}
