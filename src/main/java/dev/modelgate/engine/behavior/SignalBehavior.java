package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ElementKind;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.ProcessDefinition;
import dev.modelgate.engine.state.SignalSubscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Signals: a broadcast reaches every open signal subscription of that name (catch events,
 * boundary events, event sub-processes) and starts an instance of the latest version of every
 * process with a signal start event of that name. Unlike a message it is not buffered and has no
 * correlation key. Throw events broadcast once the throwing step is done, as a follow-up of the
 * same command.
 */
public final class SignalBehavior {
  private final BpmnBehaviors b;

  public SignalBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  /** Opens the signal subscription of {@code event}, owned by {@code owner}. */
  public EvalResult subscribe(ElementInstance owner, Element event) {
    EvalResult name = b.expressions.evaluateString(event.signalName(), owner, "signal name");
    if (name instanceof EvalResult.Failure) {
      return name;
    }
    boolean interrupting = event.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT || event.cancelActivity();
    b.writer.append(new EngineEvent.SignalSubscriptionCreated(b.state.nextKey(), owner.key, owner.processInstanceKey,
        (String) ((EvalResult.Ok) name).value(), event.id(), interrupting));
    return EvalResult.ok(null);
  }

  /** Broadcasts a signal now; returns the signal's key. */
  public long broadcast(String name, Map<String, Object> variables) {
    long signalKey = b.state.nextKey();
    b.writer.append(new EngineEvent.SignalBroadcast(signalKey, name, variables));
    // the subscriptions open before the broadcast; those that instances started by it open are not reached
    Set<Long> open = b.state.signalSubscriptionsByName.get(name);
    List<Long> subscriptionKeys = open == null ? List.of() : new ArrayList<>(open);
    for (List<ProcessDefinition> versions : new TreeMap<>(b.state.versionsByProcessId).values()) {
      ProcessDefinition latest = versions.get(versions.size() - 1);
      for (Element start : latest.process().startEvents()) {
        if (start.eventType() == EventType.SIGNAL && name.equals(startSignalName(start))) {
          b.transitions.createProcessInstance(latest, Map.of(), start, variables, -1);
        }
      }
    }
    for (long key : subscriptionKeys) {
      SignalSubscription s = b.state.signalSubscriptions.get(key);
      if (s == null) {
        continue; // closed by an earlier trigger of this broadcast
      }
      ElementInstance owner = b.state.instances.get(s.elementInstanceKey());
      if (owner == null) {
        continue;
      }
      b.writer.append(new EngineEvent.SignalSubscriptionTriggered(key, s.interrupting()));
      b.events.trigger(owner, owner.definition.process().element(s.targetElementId()), variables);
    }
    return signalKey;
  }

  /** A process's signal start events wait on the definition: a name expression sees no variables. */
  private String startSignalName(Element start) {
    EvalResult r = b.expressions.evaluate(start.signalName(), Map.of());
    return r instanceof EvalResult.Ok ok && ok.value() != null ? String.valueOf(ok.value()) : null;
  }

  /**
   * A signal throw event (intermediate or end) broadcasts its signal with its local variables (those
   * its input mappings made) once the current step is done.
   */
  public EvalResult throwSignal(ElementInstance instance) {
    EvalResult name = b.expressions.evaluateString(instance.element.signalName(), instance, "signal name");
    if (name instanceof EvalResult.Failure) {
      return name;
    }
    String signal = (String) ((EvalResult.Ok) name).value();
    Map<String, Object> variables = new LinkedHashMap<>(instance.variables);
    b.context.later(() -> broadcast(signal, variables));
    return name;
  }
}
