package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Message and timer intermediate catch events wait for their event. After an event-based gateway
 * the event has already happened, and the catch event completes at once.
 */
public final class IntermediateCatchEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public IntermediateCatchEventProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.events.awaitEvent(instance);
  }
}
