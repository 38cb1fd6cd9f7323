package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

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
