package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.ExpireMessage;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.BufferedMessage;

/** A buffered message whose time to live ended is dropped. */
public final class ExpireMessageProcessor implements TypedCommandProcessor<ExpireMessage> {
  private final BpmnBehaviors b;

  public ExpireMessageProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(ExpireMessage c, Responder responder) {
    BufferedMessage m = b.state.messages.get(c.messageKey());
    if (m == null || m.expiresAt() > b.context.now()) {
      return Rejection.precondition("not expired");
    }
    b.writer.append(new EngineEvent.MessageExpired(m.key()));
    return null;
  }
}
