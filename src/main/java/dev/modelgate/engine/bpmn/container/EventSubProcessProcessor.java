package dev.modelgate.engine.bpmn.container;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.Map;

/**
 * Event sub-process: activated in its scope when its start event's event occurred (see
 * EventSubProcessBehavior); it starts at that start event, which takes the event's variables, and
 * completes when nothing is left in it. It sees and changes its scope's variables; its input
 * mappings make local ones.
 */
public final class EventSubProcessProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public EventSubProcessProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    if (!instance.element.eventSubProcessStarts().isEmpty()
        && b.eventSubProcesses.open(instance) instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    Map<String, Object> eventVariables = instance.eventVariables;
    if (eventVariables != null) {
      // the start event takes them over
      b.writer.append(new EngineEvent.EventVariablesConsumed(instance.key));
    }
    b.transitions.activate(instance.element.eventStart(), instance, eventVariables == null ? Map.of() : eventVariables);
  }
}
