package dev.modelgate.engine.bpmn.gateway;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.Flow;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leaving a gateway by its conditions, shared by the exclusive gateway (the first flow whose condition
 * holds) and the inclusive gateway (every such flow): a flow without a condition always holds, the
 * default flow is taken when none does, and no flow at all, or a failing condition, is an incident.
 */
final class ConditionalFlows {

  /** How many of the flows whose conditions hold are taken. */
  enum Take { FIRST, ALL }

  private ConditionalFlows() {}

  static void leave(BpmnBehaviors b, ElementInstance instance, Take take, String gatewayKind) {
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
      boolean holds = true;
      if (flow.condition() != null) {
        EvalResult r = b.expressions.evaluateBoolean(flow.condition(), vars, "condition of flow '" + flow.id() + "'");
        if (r instanceof EvalResult.Failure f) {
          b.incidents.raise(IncidentType.CONDITION_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
          return;
        }
        holds = Boolean.TRUE.equals(((EvalResult.Ok) r).value());
      }
      if (holds) {
        taken.add(flow);
        if (take == Take.FIRST) {
          break;
        }
      }
    }
    if (taken.isEmpty() && defaultFlow != null) {
      taken.add(defaultFlow);
    }
    if (taken.isEmpty()) {
      b.incidents.raise(IncidentType.CONDITION_ERROR, "Expected at least one condition to evaluate to true, or to"
          + " have a default flow, at " + gatewayKind + " gateway '" + instance.element.id() + "'", instance, -1,
          RetryStep.ACTIVATE);
      return;
    }
    b.transitions.completeWithFlows(instance, taken);
  }
}
