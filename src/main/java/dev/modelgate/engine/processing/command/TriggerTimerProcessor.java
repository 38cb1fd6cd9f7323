package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Command.TriggerTimer;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.Timer;

/** A due timer fires: it starts its process, or triggers its catch event, boundary event or gateway. */
public final class TriggerTimerProcessor implements TypedCommandProcessor<TriggerTimer> {
  private final BpmnBehaviors b;

  public TriggerTimerProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(TriggerTimer c, Responder responder) {
    Timer timer = b.state.timers.get(c.timerKey());
    if (timer == null) {
      return Rejection.notFound("no timer " + c.timerKey());
    }
    b.events.triggerTimer(timer);
    return null;
  }
}
