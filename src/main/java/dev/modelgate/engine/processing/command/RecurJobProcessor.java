package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.RecurJob;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.Job;

/** A failed job whose back-off ended goes back to the workers. */
public final class RecurJobProcessor implements TypedCommandProcessor<RecurJob> {
  private final BpmnBehaviors b;

  public RecurJobProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(RecurJob c, Responder responder) {
    Job job = b.state.jobs.get(c.jobKey());
    if (job == null || job.state != Job.State.BACKOFF) {
      return Rejection.precondition("not in back-off");
    }
    b.writer.append(new EngineEvent.JobRecurred(job.key));
    b.context.jobBecameActivatable(job.type);
    return null;
  }
}
