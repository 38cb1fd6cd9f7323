package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.bpmn.task.JobWorkerTaskProcessor;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.ArrayList;
import java.util.Map;

/**
 * End events: none ends the path, terminate ends its whole flow scope, error throws the error,
 * message is job-based (its job's completion ends the path), as for message throw events; signal
 * broadcasts and escalation is thrown before the path ends (an uncaught escalation is no incident);
 * compensation invokes the compensation handlers and ends the path once they completed.
 */
public final class EndEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;
  private final JobWorkerTaskProcessor job;
  private final ThrownEvents thrown;

  public EndEventProcessor(BpmnBehaviors b, JobWorkerTaskProcessor job) {
    this.b = b;
    this.job = job;
    this.thrown = new ThrownEvents(b);
  }

  @Override
  public void onComplete(ElementInstance instance) {
    job.onComplete(instance);
  }

  @Override
  public void onTerminate(ElementInstance instance) {
    job.onTerminate(instance);
  }

  @Override
  public void onActivate(ElementInstance instance) {
    switch (instance.element.eventType()) {
      case TERMINATE -> {
        ElementInstance scope = b.state.instances.get(instance.parentKey);
        for (Long sibling : new ArrayList<>(scope.children)) {
          if (sibling != instance.key) {
            ElementInstance s = b.state.instances.get(sibling);
            if (s != null) {
              b.transitions.terminate(s);
            }
          }
        }
        b.writer.append(new EngineEvent.JoinTokensCleared(scope.key));
        b.transitions.complete(instance);
      }
      case ERROR -> {
        String code = instance.element.errorCode();
        if (!b.errors.throwError(instance, code, Map.of())) {
          b.incidents.raise(IncidentType.UNHANDLED_ERROR_EVENT, "Expected to throw an error event with the code '"
              + code + "', but it was not caught. No error events are available in the scope.", instance, -1,
              RetryStep.ACTIVATE);
        }
      }
      case MESSAGE -> job.onActivate(instance);
      case SIGNAL -> thrown.signal(instance);
      case ESCALATION -> thrown.escalation(instance);
      case COMPENSATION -> b.compensation.throwCompensation(instance);
      default -> b.transitions.complete(instance);
    }
  }
}
