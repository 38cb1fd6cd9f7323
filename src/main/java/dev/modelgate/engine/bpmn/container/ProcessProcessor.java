package dev.modelgate.engine.bpmn.container;

import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/**
 * The process itself: created by the state transitions with its start event; it completes when
 * nothing is left in it.
 */
public final class ProcessProcessor implements BpmnElementProcessor {
  @Override
  public void onActivate(ElementInstance instance) {
    // process instances are activated by StateTransitionBehavior.createProcessInstance
  }
}
