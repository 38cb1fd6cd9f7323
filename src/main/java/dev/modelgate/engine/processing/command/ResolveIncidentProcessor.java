package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.ResolveIncident;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.Job;

/**
 * Resolves an incident: a job incident makes the job activatable again when it has retries (else it is
 * raised again); an element incident retries the step that failed (activation or completion).
 */
public final class ResolveIncidentProcessor implements TypedCommandProcessor<ResolveIncident> {
  private final BpmnBehaviors b;

  public ResolveIncidentProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(ResolveIncident c, Responder responder) {
    Incident incident = b.state.incidents.get(c.incidentKey());
    if (incident == null) {
      return Rejection.notFound("Expected to resolve incident with key '" + c.incidentKey()
          + "', but no such incident was found");
    }
    b.incidents.resolve(incident.key());
    ElementInstance instance = b.state.instances.get(incident.elementInstanceKey());
    if (incident.jobKey() >= 0) {
      Job job = b.state.jobs.get(incident.jobKey());
      if (job != null) {
        if (job.retries > 0) {
          b.writer.append(new EngineEvent.JobRecurred(job.key));
          b.context.jobBecameActivatable(job.type);
        } else if (instance != null) {
          b.incidents.raise(JobLookup.noRetries(job), job.errorMessage.isEmpty() ? "No more retries left."
              : job.errorMessage, instance, job.key, RetryStep.NONE);
        }
      }
    } else if (instance != null) {
      if (incident.retry() == RetryStep.ACTIVATE) {
        b.transitions.retryActivate(instance);
      } else if (incident.retry() == RetryStep.COMPLETE) {
        b.transitions.complete(instance);
      } else if (incident.retry() == RetryStep.USER_TASK_TRANSITION) {
        b.userTasks.retryTransition(instance);
      }
    }
    return new Results.Empty();
  }
}
