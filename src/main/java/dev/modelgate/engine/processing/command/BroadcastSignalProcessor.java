package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Command.BroadcastSignal;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import java.util.Map;

/**
 * Broadcasts a signal: it starts the latest versions of processes with a matching signal start event
 * and reaches every signal subscription open at that moment (see SignalBehavior); it is not buffered.
 */
public final class BroadcastSignalProcessor implements TypedCommandProcessor<BroadcastSignal> {
  private final BpmnBehaviors b;

  public BroadcastSignalProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(BroadcastSignal c, Responder responder) {
    if (c.signalName() == null || c.signalName().isBlank()) {
      return Rejection.invalid("Expected a signal name, but none given");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    return new Results.Key(b.signals.broadcast(c.signalName(), variables));
  }
}
