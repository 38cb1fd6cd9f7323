package dev.modelgate.engine.bpmn.container;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** Embedded sub-process: starts at its none start event; completes when nothing is left in it. */
public final class SubProcessProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public SubProcessProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.transitions.activate(instance.element.noneStartEvent(), instance, null);
  }
}
