package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Message, timer and signal intermediate catch events wait for their event. After an event-based
 * gateway the event has already happened, and the catch event completes at once. A link catch
 * event is reached from its link throw event and passes straight on.
 */
public final class IntermediateCatchEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public IntermediateCatchEventProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    if (instance.element.eventType() == EventType.LINK) {
      b.transitions.complete(instance);
    } else {
      b.events.awaitEvent(instance);
    }
  }
}
