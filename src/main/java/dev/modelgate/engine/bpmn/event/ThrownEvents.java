package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/**
 * What intermediate throw events and end events share: throwing a signal or an escalation, after
 * which the event goes on (unless an interrupting catch of its escalation ended it).
 */
final class ThrownEvents {
  private final BpmnBehaviors b;

  ThrownEvents(BpmnBehaviors b) {
    this.b = b;
  }

  /** Broadcasts the signal (after this step) and completes the event. */
  void signal(ElementInstance instance) {
    EvalResult r = b.signals.throwSignal(instance);
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    b.transitions.complete(instance);
  }

  /** Throws the escalation; the event completes unless an interrupting catch terminated it. */
  void escalation(ElementInstance instance) {
    EvalResult r = b.expressions.evaluateString(instance.element.escalationCode(), instance, "escalation code");
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    b.escalations.throwEscalation(instance, (String) ((EvalResult.Ok) r).value());
    if (b.transitions.alive(instance)) {
      b.transitions.complete(instance);
    }
  }
}
