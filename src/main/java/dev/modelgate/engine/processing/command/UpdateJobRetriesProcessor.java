package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.UpdateJobRetries;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;

/** Sets a job's retries (resolving its incident then makes it activatable again). */
public final class UpdateJobRetriesProcessor implements TypedCommandProcessor<UpdateJobRetries> {
  private final BpmnBehaviors b;

  public UpdateJobRetriesProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(UpdateJobRetries c, Responder responder) {
    if (!b.state.jobs.containsKey(c.jobKey())) {
      return Rejection.notFound("Expected to update retries for job with key '" + c.jobKey()
          + "', but no such job was found");
    }
    if (c.retries() < 1) {
      return Rejection.invalid("Expected retries to be greater than zero, but it was " + c.retries());
    }
    b.writer.append(new EngineEvent.JobRetriesUpdated(c.jobKey(), c.retries()));
    return new Results.Empty();
  }
}
