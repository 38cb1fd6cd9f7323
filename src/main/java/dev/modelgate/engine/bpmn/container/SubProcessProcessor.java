package dev.modelgate.engine.bpmn.container;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/**
 * Embedded sub-process: opens its event sub-processes' subscriptions, starts at its none start
 * event; completes when nothing is left in it.
 */
public final class SubProcessProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public SubProcessProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    if (!instance.element.eventSubProcessStarts().isEmpty()
        && b.eventSubProcesses.open(instance) instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    b.transitions.activate(instance.element.noneStartEvent(), instance, null);
  }
}
