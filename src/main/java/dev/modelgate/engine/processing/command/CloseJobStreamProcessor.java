package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Command.CloseJobStream;
import dev.modelgate.engine.processing.JobDispatcher;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;

/** A job stream's caller went away. */
public final class CloseJobStreamProcessor implements TypedCommandProcessor<CloseJobStream> {
  private final JobDispatcher dispatcher;

  public CloseJobStreamProcessor(JobDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public Object process(CloseJobStream c, Responder responder) {
    dispatcher.closeStream(c.streamId());
    return null;
  }
}
