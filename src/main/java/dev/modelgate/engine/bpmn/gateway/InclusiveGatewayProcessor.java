package dev.modelgate.engine.bpmn.gateway;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.Flow;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    List<Flow> outgoing = instance.element.outgoing();
    if (outgoing.size() <= 1 && (outgoing.isEmpty() || outgoing.get(0).condition() == null)) {
      b.transitions.complete(instance);
      return;
    }
    Map<String, Object> vars = b.variables.visible(instance);
    List<Flow> taken = new ArrayList<>();
    Flow defaultFlow = null;
    for (Flow flow : outgoing) {
      if (flow.id().equals(instance.element.defaultFlowId())) {
        defaultFlow = flow;
        continue;
      }
      if (flow.condition() == null) {
        taken.add(flow);
        continue;
      }
      EvalResult r = b.expressions.evaluateBoolean(flow.condition(), vars, "condition of flow '" + flow.id() + "'");
      if (r instanceof EvalResult.Failure f) {
        b.incidents.raise(IncidentType.CONDITION_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
        return;
      }
      if (Boolean.TRUE.equals(((EvalResult.Ok) r).value())) {
        taken.add(flow);
      }
    }
    if (taken.isEmpty() && defaultFlow != null) {
      taken.add(defaultFlow);
    }
    if (taken.isEmpty()) {
      b.incidents.raise(IncidentType.CONDITION_ERROR, "Expected at least one condition to evaluate to true, or to"
          + " have a default flow, at inclusive gateway '" + instance.element.id() + "'", instance, -1,
          RetryStep.ACTIVATE);
      return;
    }
    b.transitions.completeWithFlows(instance, taken);
  }
}
