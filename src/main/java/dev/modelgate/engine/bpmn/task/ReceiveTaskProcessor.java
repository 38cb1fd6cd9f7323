package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** Receive tasks wait for their message; the correlation completes them. */
public final class ReceiveTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public ReceiveTaskProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.events.awaitEvent(instance);
  }
}
