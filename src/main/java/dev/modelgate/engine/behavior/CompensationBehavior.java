package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.state.CompensationSubscription;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.LifecycleState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * BPMN compensation as Zeebe does it. A completed activity with a compensation boundary event leaves a
 * subscription in its flow scope; a completed sub-process whose inner activities left some leaves one
 * too (a container), so compensation reaches into completed sub-processes. A compensation throw event
 * (intermediate or end) invokes the handlers of every subscription in its own scope and the
 * containers below it, or only those of its {@code activityRef}; the handlers run in the throw
 * event's scope, newest completion first, and the throw event waits until all of them completed
 * (Zeebe refuses {@code waitForCompletion="false"}). Active or terminated activities left nothing,
 * so they are not compensated. A subscription is used once; those left are dropped when their
 * process instance ends.
 */
public final class CompensationBehavior {
  private final BpmnBehaviors b;

  public CompensationBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  /** An activity is completing in its flow scope: remember it when it can be compensated. */
  public void activityCompleted(ElementInstance instance) {
    if (instance.isProcessInstance() || instance.element.isForCompensation()) {
      return;
    }
    ElementInstance scope = b.state.instances.get(instance.parentKey);
    // inner instances of a multi-instance activity: the body carries the boundary event (one handler call)
    boolean inner = scope != null && scope.multiInstanceBody && !instance.multiInstanceBody;
    Element handler = inner ? null : instance.element.compensationHandlerOfActivity();
    if (handler == null && !hasSubscriptionsIn(instance.key)) {
      return;
    }
    b.writer.append(new EngineEvent.CompensationSubscriptionCreated(b.state.nextKey(), instance.processInstanceKey,
        instance.parentKey, instance.key, instance.element.id(), handler == null ? null : handler.id(),
        new LinkedHashMap<>(instance.variables)));
  }

  /** A compensation intermediate throw or end event was activated. */
  public void throwCompensation(ElementInstance throwEvent) {
    ElementInstance scope = b.state.instances.get(throwEvent.parentKey);
    List<CompensationSubscription> handlers = new ArrayList<>();
    List<CompensationSubscription> containers = new ArrayList<>();
    collect(scope.key, throwEvent.element.compensationActivityRef(), handlers, containers);
    for (CompensationSubscription container : containers) {
      b.writer.append(new EngineEvent.CompensationSubscriptionDeleted(container.key));
    }
    if (handlers.isEmpty()) {
      b.transitions.complete(throwEvent);
      return;
    }
    handlers.sort(Comparator.comparingLong((CompensationSubscription s) -> s.key).reversed());
    // all are triggered before any handler runs, so a handler that completes at once cannot end the wait early
    List<Long> handlerKeys = new ArrayList<>();
    for (CompensationSubscription s : handlers) {
      long handlerKey = b.state.nextKey();
      handlerKeys.add(handlerKey);
      b.writer.append(new EngineEvent.CompensationSubscriptionTriggered(s.key, throwEvent.key, handlerKey));
    }
    for (int i = 0; i < handlers.size() && b.transitions.alive(scope); i++) {
      CompensationSubscription s = handlers.get(i);
      Element handler = scope.definition.process().element(s.handlerId);
      b.transitions.activateCompensationHandler(handlerKeys.get(i), handler, scope, s.variables);
    }
  }

  private void collect(long scopeKey, String activityRef, List<CompensationSubscription> handlers,
      List<CompensationSubscription> containers) {
    for (CompensationSubscription s : b.state.compensationsIn(scopeKey)) {
      if (s.triggered() || (activityRef != null && !activityRef.equals(s.activityId))) {
        continue;
      }
      if (s.handlerId != null) {
        handlers.add(s);
      } else {
        containers.add(s);
      }
      collect(s.activityInstanceKey, null, handlers, containers);
    }
  }

  /** A compensation handler completed: its subscription is done; the last one completes the throw event. */
  public void handlerCompleted(ElementInstance handler) {
    Long doneKey = b.state.compensationsByHandler.get(handler.key);
    if (doneKey == null) {
      return;
    }
    CompensationSubscription done = b.state.compensations.get(doneKey);
    b.writer.append(new EngineEvent.CompensationSubscriptionDeleted(done.key));
    for (CompensationSubscription s : b.state.compensationsOf(done.processInstanceKey)) {
      if (s.throwEventKey == done.throwEventKey) {
        return; // other handlers of the same throw event still run
      }
    }
    ElementInstance throwEvent = b.state.instances.get(done.throwEventKey);
    if (throwEvent != null && b.transitions.alive(throwEvent) && throwEvent.state == LifecycleState.ACTIVATED) {
      b.transitions.complete(throwEvent);
    }
  }

  /** A process instance ended (completed or terminated): its subscriptions go with it. */
  public void instanceEnded(ElementInstance processInstance) {
    for (CompensationSubscription s : b.state.compensationsOf(processInstance.key)) {
      b.writer.append(new EngineEvent.CompensationSubscriptionDeleted(s.key));
    }
  }

  private boolean hasSubscriptionsIn(long scopeKey) {
    return b.state.compensationsByScope.containsKey(scopeKey);
  }
}
