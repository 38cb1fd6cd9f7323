package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.FailJob;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.Job;
import java.util.Map;

/** Fails an activated job: retried (after its back-off) while retries are left, else an incident. */
public final class FailJobProcessor implements TypedCommandProcessor<FailJob> {
  private final BpmnBehaviors b;

  public FailJobProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(FailJob c, Responder responder) {
    Object found = JobLookup.inState(b.state, c.jobKey(), "fail", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    Job job = (Job) found;
    String message = c.errorMessage() == null ? "" : c.errorMessage();
    long recurAt = c.retries() > 0 && c.retryBackOff() > 0 ? b.context.now() + c.retryBackOff() : -1;
    b.writer.append(new EngineEvent.JobFailed(job.key, c.retries(), message, recurAt));
    ElementInstance instance = b.state.instances.get(job.elementInstanceKey);
    if (instance != null) {
      b.variables.setLocal(instance, variables);
    }
    if (c.retries() > 0) {
      if (recurAt < 0) {
        b.context.jobBecameActivatable(job.type);
      }
    } else if (instance != null) {
      b.incidents.raise(JobLookup.noRetries(job), message.isEmpty() ? "No more retries left." : message, instance,
          job.key, RetryStep.NONE);
    }
    return new Results.Empty();
  }
}
