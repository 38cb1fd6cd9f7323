package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.JobsActivated;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;

/**
 * The fact that jobs were handed to a worker, as the command log of older versions recorded it: only
 * met when such a log is migrated (live activation appends {@code JobActivated} events directly).
 */
public final class JobsActivatedProcessor implements TypedCommandProcessor<JobsActivated> {
  private final BpmnBehaviors b;

  public JobsActivatedProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(JobsActivated c, Responder responder) {
    for (long key : c.jobKeys()) {
      if (b.state.jobs.containsKey(key)) {
        b.writer.append(new EngineEvent.JobActivated(key, c.worker(), b.context.now() + c.timeout()));
      }
    }
    return null;
  }
}
