package dev.modelgate.engine.bpmn.gateway;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Parallel gateway: forks to all outgoing flows. It is activated only once a token has arrived on
 * every incoming flow (the join is done when flows are taken).
 */
public final class ParallelGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public ParallelGatewayProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    b.transitions.complete(instance);
  }
}
