package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.UpdateJobTimeout;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.Job;

/** Moves an activated job's deadline to now + the new timeout. */
public final class UpdateJobTimeoutProcessor implements TypedCommandProcessor<UpdateJobTimeout> {
  private final BpmnBehaviors b;

  public UpdateJobTimeoutProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(UpdateJobTimeout c, Responder responder) {
    Object found = JobLookup.inState(b.state, c.jobKey(), "update the timeout of", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    b.writer.append(new EngineEvent.JobTimeoutUpdated(c.jobKey(), b.context.now() + c.timeout()));
    return new Results.Empty();
  }
}
