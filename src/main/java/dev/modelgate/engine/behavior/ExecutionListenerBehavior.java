package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.ListenerDefinition;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.Job;
import java.util.List;
import java.util.Map;

/**
 * Execution listeners, as Camunda documents them: start listeners run after the input mappings and before
 * the element does anything else; end listeners after the output mappings and before the element is left.
 * Each listener is a job (kind EXECUTION_LISTENER), run one at a time in model order, and the element's
 * lifecycle waits for it. Variables a start listener completes with become local to the element; those of
 * an end listener go to the parent scope, as output mappings do. A multi-instance body runs none itself:
 * its inner instances do.
 */
public final class ExecutionListenerBehavior {
  private final BpmnBehaviors b;

  public ExecutionListenerBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  /**
   * The element begins a phase (start or end) of its listeners, from the first; an element without
   * listeners of the phase writes nothing. {@code startEventId}: see {@link EngineEvent.ExecutionListenersStarted}.
   */
  public void startPhase(ElementInstance instance, ListenerEventType eventType, String startEventId) {
    if (!instance.multiInstanceBody && !instance.element.executionListeners(eventType).isEmpty()) {
      b.writer.append(new EngineEvent.ExecutionListenersStarted(instance.key, startEventId));
    }
  }

  /**
   * Starts the instance's next listener of the event type. True when the lifecycle must wait (a listener
   * job, or an incident of its expressions); false when no listener is left.
   */
  public boolean runNext(ElementInstance instance, ListenerEventType eventType) {
    if (instance.multiInstanceBody) {
      return false;
    }
    List<ListenerDefinition> listeners = instance.element.executionListeners(eventType);
    if (instance.listenerIndex >= listeners.size()) {
      return false;
    }
    EvalResult r = b.jobs.createListenerJob(instance, listeners.get(instance.listenerIndex),
        Job.Kind.EXECUTION_LISTENER, Map.of(), -1);
    if (r instanceof EvalResult.Failure f) {
      // resolving the incident runs the phase again: every listener of this event type, as Camunda does
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1,
          eventType == ListenerEventType.START ? RetryStep.ACTIVATE : RetryStep.COMPLETE);
    }
    return true;
  }

  /** An execution listener's job was completed: take its variables and move the lifecycle on. */
  public void completed(Job job, Map<String, Object> variables) {
    ElementInstance instance = b.state.instances.get(job.elementInstanceKey);
    boolean awaited = instance != null && instance.jobKey == job.key;
    b.writer.append(new EngineEvent.JobCompleted(job.key));
    if (!awaited) {
      return;
    }
    b.writer.append(new EngineEvent.ExecutionListenerDone(instance.key));
    if (job.listenerEventType == ListenerEventType.START) {
      b.variables.setLocal(instance, variables);
      b.transitions.continueActivation(instance);
    } else {
      if (instance.parentKey < 0) {
        b.variables.setLocal(instance, variables);
      } else {
        b.variables.propagate(b.state.instances.get(instance.parentKey), variables);
      }
      b.transitions.continueCompletion(instance);
    }
  }
}
