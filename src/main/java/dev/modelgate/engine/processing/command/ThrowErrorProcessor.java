package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.ThrowError;
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

/** A worker throws a BPMN error from its job: caught by an error boundary event, else an incident. */
public final class ThrowErrorProcessor implements TypedCommandProcessor<ThrowError> {
  private final BpmnBehaviors b;

  public ThrowErrorProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(ThrowError c, Responder responder) {
    Object found = JobLookup.inState(b.state, c.jobKey(), "throw an error for", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    if (((Job) found).kind != Job.Kind.BPMN_ELEMENT) {
      return Rejection.precondition("Expected to throw an error for job with key '" + c.jobKey() + "', but it is a"
          + (((Job) found).kind == Job.Kind.TASK_LISTENER ? " task" : "n execution")
          + " listener job: throwing BPMN errors from listener jobs is not supported");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    Job job = (Job) found;
    ElementInstance instance = b.state.instances.get(job.elementInstanceKey);
    if (instance == null) {
      b.writer.append(new EngineEvent.JobCanceled(job.key));
      return new Results.Empty();
    }
    if (!b.errors.throwError(instance, c.errorCode(), variables)) {
      String message = c.errorMessage() == null ? "" : c.errorMessage();
      b.writer.append(new EngineEvent.JobErrorThrown(job.key, message));
      b.incidents.raise(IncidentType.UNHANDLED_ERROR_EVENT, "Expected to throw an error event with the code '"
          + c.errorCode() + "' with message '" + message
          + "', but it was not caught. No error events are available in the scope.", instance, job.key,
          RetryStep.NONE);
    }
    return new Results.Empty();
  }
}
