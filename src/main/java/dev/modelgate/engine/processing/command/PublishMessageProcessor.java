package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.PublishMessage;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.BufferedMessage;
import dev.modelgate.engine.state.EngineState;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a message: correlates it now ({@link MessageCorrelation}) and buffers it for its time to
 * live. A message id may be published once
 * while a message with it lives.
 */
public final class PublishMessageProcessor implements TypedCommandProcessor<PublishMessage> {
  private final BpmnBehaviors b;

  public PublishMessageProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(PublishMessage c, Responder responder) {
    if (c.name() == null || c.name().isBlank()) {
      return Rejection.invalid("Expected a message name, but none given");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    String correlationKey = c.correlationKey() == null ? "" : c.correlationKey();
    String mk = EngineState.messageKey(c.name(), correlationKey);
    if (c.messageId() != null && !c.messageId().isEmpty() && b.state.messagesByNameAndKey.containsKey(mk)) {
      for (long key : b.state.messagesByNameAndKey.get(mk)) {
        BufferedMessage m = b.state.messages.get(key);
        if (c.messageId().equals(m.messageId()) && m.expiresAt() > b.context.now()) {
          return new Rejection(Rejection.Type.ALREADY_EXISTS, "Expected to publish a new message with id '"
              + c.messageId() + "', but a message with that id was already published");
        }
      }
    }
    long messageKey = b.state.nextKey();
    Set<Long> correlated = MessageCorrelation.correlate(b, c.name(), correlationKey, variables);
    long expiresAt = c.timeToLive() > 0 ? b.context.now() + c.timeToLive() : -1;
    b.writer.append(new EngineEvent.MessagePublished(messageKey, c.name(), correlationKey,
        c.messageId() == null ? "" : c.messageId(), variables, expiresAt, correlated));
    return new Results.Key(messageKey);
  }
}
