package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.TimeOutJob;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.Job;

/** An activated job whose deadline passed goes back to the workers. */
public final class TimeOutJobProcessor implements TypedCommandProcessor<TimeOutJob> {
  private final BpmnBehaviors b;

  public TimeOutJobProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(TimeOutJob c, Responder responder) {
    Job job = b.state.jobs.get(c.jobKey());
    if (job == null || job.state != Job.State.ACTIVATED || job.deadline > b.context.now()) {
      return Rejection.precondition("not timed out");
    }
    b.writer.append(new EngineEvent.JobTimedOut(job.key));
    b.context.jobBecameActivatable(job.type);
    return null;
  }
}
