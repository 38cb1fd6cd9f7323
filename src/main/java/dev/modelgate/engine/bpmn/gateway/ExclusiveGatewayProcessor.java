package dev.modelgate.engine.bpmn.gateway;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** Exclusive gateway: the first flow whose condition holds, else the default flow, else an incident. */
public final class ExclusiveGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public ExclusiveGatewayProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    ConditionalFlows.leave(b, instance, ConditionalFlows.Take.FIRST, "exclusive");
  }
}
