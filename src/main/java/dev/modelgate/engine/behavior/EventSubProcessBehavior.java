package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ElementKind;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.SignalSubscription;
import dev.modelgate.engine.state.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event sub-processes: the timer, message and signal starts wait from the moment their scope
 * (process, sub-process) is activated until it ends, owned by the scope instance; error and
 * escalation starts are found when something is thrown (see {@link CatchEventLookup}).
 *
 * <p>A triggered interrupting event sub-process terminates everything else in its scope
 * (non-interrupting event sub-processes included) and closes the scope's other event sub-process
 * subscriptions, so it runs once; a non-interrupting one runs beside the scope's other work, as
 * often as its event occurs. Either way the scope completes only once the event sub-process has.
 */
public final class EventSubProcessBehavior {
  private final BpmnBehaviors b;

  public EventSubProcessBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  /** Opens the subscriptions of the scope's timer, message and signal event sub-processes. */
  public EvalResult open(ElementInstance scope) {
    for (Element start : scope.element.eventSubProcessStarts()) {
      EventType type = start.eventType();
      if (type == EventType.TIMER || type == EventType.MESSAGE || type == EventType.SIGNAL) {
        EvalResult r = b.events.open(scope, start);
        if (r instanceof EvalResult.Failure) {
          close(scope);
          return r;
        }
      }
    }
    return EvalResult.ok(null);
  }

  /** The event of {@code start} occurred in {@code scope}: starts its event sub-process there. */
  public void trigger(ElementInstance scope, Element start, Map<String, Object> variables) {
    if (start.cancelActivity()) {
      if (isInterrupted(scope)) {
        return;
      }
      close(scope);
      for (Long childKey : new ArrayList<>(scope.children)) {
        ElementInstance child = b.state.instances.get(childKey);
        if (child != null) {
          b.transitions.terminate(child);
        }
      }
      if (!scope.joinTokens.isEmpty()) {
        b.writer.append(new EngineEvent.JoinTokensCleared(scope.key));
      }
    }
    b.transitions.activate(start.flowScope(), scope, variables == null ? Map.of() : variables);
  }

  /** Whether an interrupting event sub-process runs in the scope (the scope then catches nothing more). */
  public boolean isInterrupted(ElementInstance scope) {
    for (long childKey : scope.children) {
      ElementInstance child = b.state.instances.get(childKey);
      if (child != null && child.element.kind() == ElementKind.EVENT_SUB_PROCESS
          && child.element.eventStart().cancelActivity()) {
        return true;
      }
    }
    return false;
  }

  /** Closes the scope's event sub-process subscriptions; those of its boundary events stay. */
  private void close(ElementInstance scope) {
    List<Long> timers = new ArrayList<>();
    for (long key : scope.timerKeys) {
      Timer t = b.state.timers.get(key);
      if (t != null && startsEventSubProcess(scope, t.targetElementId())) {
        timers.add(key);
      }
    }
    for (long key : timers) {
      b.writer.append(new EngineEvent.TimerCanceled(key));
    }
    List<Long> subscriptions = new ArrayList<>();
    for (long key : scope.subscriptionKeys) {
      MessageSubscription m = b.state.subscriptions.get(key);
      SignalSubscription s = b.state.signalSubscriptions.get(key);
      String target = m != null ? m.targetElementId() : s != null ? s.targetElementId() : null;
      if (target != null && startsEventSubProcess(scope, target)) {
        subscriptions.add(key);
      }
    }
    for (long key : subscriptions) {
      b.writer.append(b.state.signalSubscriptions.containsKey(key) ? new EngineEvent.SignalSubscriptionDeleted(key)
          : new EngineEvent.MessageSubscriptionDeleted(key));
    }
  }

  private static boolean startsEventSubProcess(ElementInstance scope, String elementId) {
    Element e = scope.definition.process().element(elementId);
    return e != null && e.startsEventSubProcess();
  }
}
