package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.Flow;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ElementKind;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.BufferedMessage;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.LifecycleState;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.ProcessDefinition;
import dev.modelgate.engine.state.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timers and message subscriptions of element instances: opened when a waiting element (catch
 * event, receive task, event-based gateway, activity with boundary events) activates, closed when
 * it leaves, and triggered by the clock or by a published message.
 */
public final class EventSubscriptionBehavior {
  private final BpmnBehaviors b;

  public EventSubscriptionBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  /**
   * Activation of an element that waits for its event (catch event, receive task): it completes at once
   * when the event already happened, otherwise its subscription opens; a bad expression is an incident.
   */
  public void awaitEvent(ElementInstance instance) {
    if (b.variables.applyEventVariables(instance)) {
      b.transitions.complete(instance);
      return;
    }
    EvalResult r = open(instance, instance.element);
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
    }
  }

  public EvalResult openBoundaryEvents(ElementInstance activity) {
    for (Element boundary : activity.element.boundaryEvents()) {
      if (boundary.eventType() == EventType.ERROR || boundary.eventType() == EventType.ESCALATION
          || boundary.eventType() == EventType.COMPENSATION) {
        continue; // errors and escalations are caught when thrown; compensation subscribes when the activity completed
      }
      EvalResult r = open(activity, boundary);
      if (r instanceof EvalResult.Failure) {
        closeAll(activity);
        return r;
      }
    }
    return EvalResult.ok(null);
  }

  public EvalResult openEventGateway(ElementInstance gateway) {
    for (Flow flow : gateway.element.outgoing()) {
      Element target = gateway.definition.process().element(flow.targetId());
      EvalResult r = open(gateway, target);
      if (r instanceof EvalResult.Failure) {
        closeAll(gateway);
        return r;
      }
    }
    return EvalResult.ok(null);
  }

  /** Opens the timer, message or signal subscription of {@code event}, owned by {@code owner}. */
  public EvalResult open(ElementInstance owner, Element event) {
    if (event.eventType() == EventType.SIGNAL) {
      return b.signals.subscribe(owner, event);
    }
    if (event.eventType() == EventType.TIMER) {
      EvalResult r = schedule(event, owner);
      if (r instanceof EvalResult.Failure) {
        return r;
      }
      createTimer(owner.key, owner.definition.key(), event.id(), (TimerSchedule) ((EvalResult.Ok) r).value());
      return EvalResult.ok(null);
    }
    if (event.eventType() == EventType.MESSAGE) {
      EvalResult name = b.expressions.evaluateString(event.message().nameExpression(), owner, "message name");
      if (name instanceof EvalResult.Failure) {
        return name;
      }
      EvalResult key = b.expressions.evaluateString(event.message().correlationKey(), owner, "correlation key");
      if (key instanceof EvalResult.Failure) {
        return key;
      }
      boolean interrupting = event.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT
          || event.kind() == ElementKind.RECEIVE_TASK || event.cancelActivity();
      long subscriptionKey = b.state.nextKey();
      b.writer.append(new EngineEvent.MessageSubscriptionCreated(subscriptionKey, owner.key, owner.processInstanceKey,
          (String) ((EvalResult.Ok) name).value(), (String) ((EvalResult.Ok) key).value(), event.id(), interrupting));
      b.context.later(() -> correlateBuffered(subscriptionKey));
      return EvalResult.ok(null);
    }
    return EvalResult.failure("unsupported event " + event);
  }

  private EvalResult schedule(Element event, ElementInstance scope) {
    EvalResult r = scope == null ? b.expressions.evaluate(event.timer().expression(), Map.of())
        : b.expressions.evaluate(event.timer().expression(), scope);
    if (r instanceof EvalResult.Failure) {
      return r;
    }
    Object value = ((EvalResult.Ok) r).value();
    try {
      return EvalResult.ok(TimerSchedule.parse(event.timer().kind(), String.valueOf(value),
          Instant.ofEpochMilli(b.context.now())));
    } catch (RuntimeException e) {
      return EvalResult.failure("invalid timer value '" + value + "' of " + event.id() + ": " + e.getMessage());
    }
  }

  private void createTimer(long ownerKey, long definitionKey, String targetElementId, TimerSchedule schedule) {
    b.writer.append(new EngineEvent.TimerCreated(b.state.nextKey(), ownerKey, definitionKey, targetElementId,
        schedule.due(), schedule.repetitions(), schedule.interval()));
  }

  public void closeAll(ElementInstance owner) {
    for (long key : new ArrayList<>(owner.timerKeys)) {
      b.writer.append(new EngineEvent.TimerCanceled(key));
    }
    for (long key : new ArrayList<>(owner.subscriptionKeys)) { // message and signal subscriptions share the list
      b.writer.append(b.state.signalSubscriptions.containsKey(key) ? new EngineEvent.SignalSubscriptionDeleted(key)
          : new EngineEvent.MessageSubscriptionDeleted(key));
    }
  }

  // ------------------------------------------------------------------ start events

  /** Schedules the timer start events of a newly deployed definition. */
  public void scheduleStartTimers(ProcessDefinition definition) {
    for (Element start : definition.process().startEvents()) {
      if (start.eventType() == EventType.TIMER) {
        EvalResult r = schedule(start, null);
        if (r instanceof EvalResult.Ok ok) {
          createTimer(-1, definition.key(), start.id(), (TimerSchedule) ok.value());
        }
      }
    }
  }

  /** Removes the timer start events of older versions of a process. */
  public void cancelStartTimers(String bpmnProcessId) {
    List<Long> toRemove = new ArrayList<>();
    for (Timer t : b.state.timers.values()) {
      if (t.elementInstanceKey() < 0
          && b.state.definitions.get(t.processDefinitionKey()).bpmnProcessId().equals(bpmnProcessId)) {
        toRemove.add(t.key());
      }
    }
    toRemove.sort(null);
    toRemove.forEach(key -> b.writer.append(new EngineEvent.TimerCanceled(key)));
  }

  // ------------------------------------------------------------------ triggering

  public void triggerTimer(Timer timer) {
    b.writer.append(new EngineEvent.TimerTriggered(timer.key()));
    TimerSchedule next = timer.schedule().next();
    if (timer.elementInstanceKey() < 0) {
      ProcessDefinition definition = b.state.definitions.get(timer.processDefinitionKey());
      if (next != null) {
        createTimer(-1, timer.processDefinitionKey(), timer.targetElementId(), next);
      }
      b.transitions.createProcessInstance(definition, Map.of(),
          definition.process().element(timer.targetElementId()), Map.of(), -1);
      return;
    }
    ElementInstance owner = b.state.instances.get(timer.elementInstanceKey());
    if (owner == null) {
      return;
    }
    Element target = owner.definition.process().element(timer.targetElementId());
    boolean nonInterrupting = (target.kind() == ElementKind.BOUNDARY_EVENT || target.startsEventSubProcess())
        && !target.cancelActivity();
    if (nonInterrupting && next != null) {
      createTimer(owner.key, timer.processDefinitionKey(), timer.targetElementId(), next);
    }
    trigger(owner, target, Map.of());
  }

  /** Correlates a message to a subscription. */
  public void correlate(MessageSubscription s, Map<String, Object> variables) {
    ElementInstance owner = b.state.instances.get(s.elementInstanceKey());
    if (owner == null) {
      return;
    }
    b.writer.append(new EngineEvent.MessageSubscriptionCorrelated(s.key(), s.interrupting()));
    trigger(owner, owner.definition.process().element(s.targetElementId()), variables);
  }

  /** The event of {@code target}, waited for by {@code owner}, occurred. */
  public void trigger(ElementInstance owner, Element target, Map<String, Object> variables) {
    if (owner.state != LifecycleState.ACTIVATED) {
      return;
    }
    if (target.startsEventSubProcess()) {
      b.eventSubProcesses.trigger(owner, target, variables);
    } else if (target.kind() == ElementKind.BOUNDARY_EVENT) {
      ElementInstance scope = b.state.instances.get(owner.parentKey);
      if (target.cancelActivity()) {
        b.transitions.terminate(owner);
      }
      b.transitions.activate(target, scope, variables);
    } else if (owner.element.kind() == ElementKind.EVENT_BASED_GATEWAY) {
      b.transitions.replaceWithEvent(owner, target, variables);
    } else {
      closeAll(owner);
      b.variables.applyCompletionVariables(owner, variables);
      b.transitions.complete(owner);
    }
  }

  /** A newly opened subscription takes a buffered message that is still alive. */
  private void correlateBuffered(long subscriptionKey) {
    MessageSubscription s = b.state.subscriptions.get(subscriptionKey);
    if (s == null) {
      return;
    }
    Set<Long> candidates = b.state.messagesByNameAndKey.get(
        dev.modelgate.engine.state.EngineState.messageKey(s.messageName(), s.correlationKey()));
    if (candidates == null) {
      return;
    }
    for (long messageKey : new LinkedHashSet<>(candidates)) {
      BufferedMessage m = b.state.messages.get(messageKey);
      if (m == null || m.expiresAt() <= b.context.now()
          || m.correlatedProcessInstances().contains(s.processInstanceKey())) {
        continue;
      }
      b.writer.append(new EngineEvent.MessageCorrelated(m.key(), s.processInstanceKey()));
      correlate(s, m.variables());
      return;
    }
  }
}
