package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Command.OpenJobStream;
import dev.modelgate.engine.processing.JobDispatcher;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;

/** StreamActivatedJobs: jobs of the type are pushed to the stream as they become activatable. */
public final class OpenJobStreamProcessor implements TypedCommandProcessor<OpenJobStream> {
  private final JobDispatcher dispatcher;

  public OpenJobStreamProcessor(JobDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public Object process(OpenJobStream c, Responder responder) {
    dispatcher.openStream(c, responder);
    return null;
  }
}
