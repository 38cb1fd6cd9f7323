package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.CorrelateMessage;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import java.util.Map;
import java.util.Set;

/**
 * Correlates a message as Camunda's message correlation does: like a publication it starts instances at
 * message start events and reaches every waiting process instance ({@link MessageCorrelation}), but it is
 * never buffered; it answers the first process instance it reached, and when it reaches none it is rejected
 * as NOT_FOUND with nothing written.
 */
public final class CorrelateMessageProcessor implements TypedCommandProcessor<CorrelateMessage> {
  private final BpmnBehaviors b;

  public CorrelateMessageProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(CorrelateMessage c, Responder responder) {
    if (c.name() == null || c.name().isBlank()) {
      return Rejection.invalid("Expected a message name, but none given");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    String correlationKey = c.correlationKey() == null ? "" : c.correlationKey();
    Set<Long> correlated = MessageCorrelation.correlate(b, c.name(), correlationKey, variables);
    if (correlated.isEmpty()) {
      return Rejection.notFound("Expected to find subscription for message with name '" + c.name()
          + "' and correlation key '" + correlationKey + "', but none was found.");
    }
    long messageKey = b.state.nextKey();
    // no time to live: the message is recorded, not buffered
    b.writer.append(new EngineEvent.MessagePublished(messageKey, c.name(), correlationKey, "", variables, -1,
        correlated));
    return new Results.MessageCorrelation(messageKey, correlated.iterator().next());
  }
}
