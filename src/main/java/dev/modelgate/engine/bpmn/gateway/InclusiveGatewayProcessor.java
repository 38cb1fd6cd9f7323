package dev.modelgate.engine.bpmn.gateway;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Inclusive gateway: every flow whose condition holds (the default flow when none does). Joining
 * is done by the state transitions: it fires when no active path can still reach it.
 */
public final class InclusiveGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public InclusiveGatewayProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    ConditionalFlows.leave(b, instance, ConditionalFlows.Take.ALL, "inclusive");
  }
}
