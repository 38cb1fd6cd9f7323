package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/** Receive tasks wait for their message; the correlation completes them. */
public final class ReceiveTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public ReceiveTaskProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    if (instance.eventVariables != null) {
      b.variables.applyCompletionVariables(instance, instance.eventVariables);
      instance.eventVariables = null;
      b.transitions.complete(instance);
      return;
    }
    EvalResult r = b.events.open(instance, instance.element);
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
    }
  }
}
