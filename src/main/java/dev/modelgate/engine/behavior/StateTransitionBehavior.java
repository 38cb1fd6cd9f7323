package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.Flow;
import dev.modelgate.engine.model.Definitions.Mapping;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ElementKind;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.LifecycleState;
import dev.modelgate.engine.state.ProcessDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves element instances through their lifecycle: activate (input mappings, boundary events, then
 * the element's processor), complete (output mappings, then the outgoing flows), terminate. Also
 * joins tokens at gateways and completes a flow scope when nothing is left in it.
 */
public final class StateTransitionBehavior {
  private final BpmnBehaviors b;

  public StateTransitionBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  // ------------------------------------------------------------------ process instances

  public ElementInstance createProcessInstance(ProcessDefinition definition, Map<String, Object> variables,
      Element startEvent, Map<String, Object> eventVariables, long callingInstanceKey) {
    long key = b.state.nextKey();
    b.writer.append(new EngineEvent.ElementActivating(key, key, -1, definition.key(), definition.bpmnProcessId(),
        false, callingInstanceKey, 0, null));
    ElementInstance root = b.state.instances.get(key);
    if (variables != null) {
      b.variables.setLocal(root, variables);
    }
    Element start = startEvent != null ? startEvent : definition.process().root().noneStartEvent();
    if (!root.element.executionListeners(ListenerEventType.START).isEmpty()) {
      // the process's start listeners run before its start event; the event's variables are the process's
      if (eventVariables != null) {
        b.variables.setLocal(root, eventVariables);
      }
      b.executionListeners.startPhase(root, ListenerEventType.START, start.id());
      continueActivation(root);
      return root;
    }
    activateProcessInstance(root, start, eventVariables);
    return root;
  }

  /**
   * A process instance becomes active after its start listeners (as in Zeebe, start execution
   * listeners run before ACTIVATED): it opens its event sub-process starts, then takes its start event.
   */
  private void activateProcessInstance(ElementInstance root, Element start, Map<String, Object> eventVariables) {
    b.writer.append(new EngineEvent.ElementActivated(root.key));
    if (!root.element.eventSubProcessStarts().isEmpty()) {
      EvalResult r = b.eventSubProcesses.open(root);
      if (r instanceof EvalResult.Failure f) {
        // the instance waits (it can be cancelled); it has no step to retry
        b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), root, -1, RetryStep.NONE);
        return;
      }
    }
    activate(start, root, eventVariables);
  }

  // ------------------------------------------------------------------ activation

  /** Activates an element in a flow scope; a multi-instance activity gets its body first. */
  public ElementInstance activate(Element element, ElementInstance scope, Map<String, Object> eventVariables) {
    long key = b.state.nextKey();
    b.writer.append(new EngineEvent.ElementActivating(key, scope.processInstanceKey, scope.key,
        scope.definition.key(), element.id(), element.isMultiInstance(), -1, 0, eventVariables));
    ElementInstance instance = b.state.instances.get(key);
    doActivate(instance);
    return instance;
  }

  /** Activates one inner instance of a multi-instance body. */
  public ElementInstance activateInner(ElementInstance body, int loopCounter, Object item) {
    long key = b.state.nextKey();
    b.writer.append(new EngineEvent.ElementActivating(key, body.processInstanceKey, body.key,
        body.definition.key(), body.element.id(), false, -1, loopCounter, null));
    ElementInstance inner = b.state.instances.get(key);
    // the loop variables are local to the inner instance (see VariableBehavior.applyCompletionVariables)
    Map<String, Object> loopVariables = new LinkedHashMap<>();
    loopVariables.put("loopCounter", (long) loopCounter);
    String inputElement = body.element.loop().inputElement();
    if (inputElement != null) {
      loopVariables.put(inputElement, item);
    }
    String outputVariable = body.element.loop().outputElementVariable();
    if (outputVariable != null && !loopVariables.containsKey(outputVariable)) {
      loopVariables.put(outputVariable, null);
    }
    b.variables.setLocal(inner, loopVariables);
    doActivate(inner);
    return inner;
  }

  /**
   * Activates a compensation handler in the throw event's scope, under the key its subscription was
   * triggered with; the compensated activity's variables become the handler's local variables.
   */
  public ElementInstance activateCompensationHandler(long key, Element handler, ElementInstance scope,
      Map<String, Object> variables) {
    b.writer.append(new EngineEvent.ElementActivating(key, scope.processInstanceKey, scope.key,
        scope.definition.key(), handler.id(), handler.isMultiInstance(), -1, 0, null));
    ElementInstance instance = b.state.instances.get(key);
    b.variables.setLocal(instance, variables);
    doActivate(instance);
    return instance;
  }

  private boolean isInner(ElementInstance instance) {
    if (instance.parentKey < 0 || instance.multiInstanceBody) {
      return false;
    }
    ElementInstance parent = b.state.instances.get(instance.parentKey);
    return parent != null && parent.multiInstanceBody;
  }

  private void doActivate(ElementInstance instance) {
    if (!instance.multiInstanceBody) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (Mapping m : instance.element.ioMappings().inputs()) {
        EvalResult r = b.expressions.evaluate(m.source(), instance);
        if (r instanceof EvalResult.Failure f) {
          b.incidents.raise(IncidentType.IO_MAPPING_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
          return;
        }
        putPath(inputs, m.target(), ((EvalResult.Ok) r).value());
      }
      b.variables.setLocal(instance, inputs);
    }
    b.executionListeners.startPhase(instance, ListenerEventType.START, null);
    continueActivation(instance);
  }

  /**
   * After the input mappings, and again after each start execution listener: the next start listener,
   * or the element's own activation (boundary events, then its processor).
   */
  public void continueActivation(ElementInstance instance) {
    if (b.executionListeners.runNext(instance, ListenerEventType.START)) {
      return;
    }
    if (instance.isProcessInstance()) {
      activateProcessInstance(instance, instance.definition.process().element(instance.startEventId), null);
      return;
    }
    if (!isInner(instance) && !instance.element.boundaryEvents().isEmpty()) {
      EvalResult r = b.events.openBoundaryEvents(instance);
      if (r instanceof EvalResult.Failure f) {
        b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
        return;
      }
    }
    b.writer.append(new EngineEvent.ElementActivated(instance.key));
    b.processors.of(instance).onActivate(instance);
  }

  /** Retries an activation that stopped at an incident. */
  public void retryActivate(ElementInstance instance) {
    b.events.closeAll(instance);
    b.writer.append(new EngineEvent.ElementActivationRetried(instance.key));
    doActivate(instance);
  }

  /** Sets {@code a.b.c} style targets as nested contexts, as Zeebe mappings do. */
  static void putPath(Map<String, Object> into, String target, Object value) {
    String[] parts = target.split("\\.");
    Map<String, Object> cur = into;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = cur.get(parts[i]);
      Map<String, Object> nested;
      if (next instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
        nested = copy;
      } else {
        nested = new LinkedHashMap<>();
      }
      cur.put(parts[i], nested);
      cur = nested;
    }
    cur.put(parts[parts.length - 1], value);
  }

  // ------------------------------------------------------------------ completion

  public void complete(ElementInstance instance) {
    completeWithFlows(instance, instance.element.outgoing());
  }

  /** Completes an instance and takes the given outgoing flows. */
  public void completeWithFlows(ElementInstance instance, List<Flow> flows) {
    b.writer.append(new EngineEvent.ElementCompleting(instance.key));
    if (!instance.multiInstanceBody && instance.element.ioMappings().hasOutputs()) {
      Map<String, Object> outputs = new LinkedHashMap<>();
      for (Mapping m : instance.element.ioMappings().outputs()) {
        EvalResult r = b.expressions.evaluate(m.source(), instance);
        if (r instanceof EvalResult.Failure f) {
          b.incidents.raise(IncidentType.IO_MAPPING_ERROR, f.message(), instance, -1, RetryStep.COMPLETE);
          return;
        }
        String root = m.target().split("\\.")[0];
        if (m.target().contains(".") && !outputs.containsKey(root)) {
          Object existing = instance.parentKey < 0 ? null
              : b.variables.visible(b.state.instances.get(instance.parentKey)).get(root);
          if (existing instanceof Map<?, ?>) {
            outputs.put(root, existing);
          }
        }
        putPath(outputs, m.target(), ((EvalResult.Ok) r).value());
      }
      if (instance.parentKey < 0) {
        b.variables.setLocal(instance, outputs);
      } else {
        b.variables.propagate(b.state.instances.get(instance.parentKey), outputs);
      }
    }
    b.events.closeAll(instance);
    b.executionListeners.startPhase(instance, ListenerEventType.END, null);
    continueFlows(instance, flows);
  }

  /** After each end execution listener: the next one, or leaving the element by its outgoing flows. */
  public void continueCompletion(ElementInstance instance) {
    continueFlows(instance, instance.element.outgoing()); // only gateways choose flows, and they have no end listeners
  }

  private void continueFlows(ElementInstance instance, List<Flow> flows) {
    if (b.executionListeners.runNext(instance, ListenerEventType.END)) {
      return;
    }
    b.processors.of(instance).onComplete(instance);
    b.compensation.activityCompleted(instance);

    if (instance.isProcessInstance()) {
      b.compensation.instanceEnded(instance);
      remove(instance);
      finishProcessInstance(instance);
      return;
    }
    ElementInstance scope = b.state.instances.get(instance.parentKey);
    if (scope.multiInstanceBody) {
      remove(instance);
      b.processors.of(scope).onChildCompleted(scope, instance);
      return;
    }
    for (Flow flow : flows) {
      if (!alive(instance) || !alive(scope)) {
        break;
      }
      takeFlow(flow, scope);
    }
    if (alive(instance)) {
      remove(instance);
    }
    if (instance.element.isForCompensation()) {
      b.compensation.handlerCompleted(instance);
    }
    checkScopeCompletion(scope);
  }

  private void finishProcessInstance(ElementInstance root) {
    b.context.processInstanceCompleted(root.key, root.variables);
    if (root.callingInstanceKey >= 0) {
      ElementInstance caller = b.state.instances.get(root.callingInstanceKey);
      if (caller != null && caller.state == LifecycleState.ACTIVATED) {
        b.processors.callActivity().onCalledProcessCompleted(caller, root);
      }
    }
  }

  public boolean alive(ElementInstance instance) {
    return b.state.instances.get(instance.key) == instance && instance.state != LifecycleState.TERMINATING;
  }

  /** The instance completed: it leaves its flow scope. */
  private void remove(ElementInstance instance) {
    b.writer.append(new EngineEvent.ElementCompleted(instance.key));
  }

  // ------------------------------------------------------------------ flows and joins

  public void takeFlow(Flow flow, ElementInstance scope) {
    Element target = scope.definition.process().element(flow.targetId());
    boolean joining = target.incoming().size() > 1
        && (target.kind() == ElementKind.PARALLEL_GATEWAY || target.kind() == ElementKind.INCLUSIVE_GATEWAY);
    b.writer.append(new EngineEvent.SequenceFlowTaken(scope.key, scope.processInstanceKey, flow.id(), target.id(),
        joining));
    if (!joining) {
      activate(target, scope, null);
      return;
    }
    if (target.kind() == ElementKind.PARALLEL_GATEWAY) {
      Map<String, Integer> tokens = scope.joinTokens.get(target.id());
      for (Flow in : target.incoming()) {
        if (tokens.getOrDefault(in.id(), 0) < 1) {
          return;
        }
      }
      consumeTokens(scope, target);
      activate(target, scope, null);
    }
    // inclusive joins are checked once the scope is settled (see checkScopeCompletion)
  }

  private void consumeTokens(ElementInstance scope, Element gateway) {
    b.writer.append(new EngineEvent.JoinTokensConsumed(scope.key, gateway.id()));
  }

  /** An inclusive join fires when no active path in the scope can still reach it. */
  private boolean fireInclusiveJoins(ElementInstance scope) {
    for (String gatewayId : new ArrayList<>(scope.joinTokens.keySet())) {
      Element gateway = scope.definition.process().element(gatewayId);
      if (gateway.kind() != ElementKind.INCLUSIVE_GATEWAY) {
        continue;
      }
      if (!canStillReach(scope, gateway)) {
        consumeTokens(scope, gateway);
        activate(gateway, scope, null);
        return true;
      }
    }
    return false;
  }

  private boolean canStillReach(ElementInstance scope, Element gateway) {
    Deque<Element> todo = new ArrayDeque<>();
    for (long childKey : scope.children) {
      ElementInstance child = b.state.instances.get(childKey);
      if (child != null) {
        todo.add(child.element);
      }
    }
    for (String otherId : scope.joinTokens.keySet()) {
      if (!otherId.equals(gateway.id())) {
        todo.add(scope.definition.process().element(otherId));
      }
    }
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Element e = todo.poll();
      if (!seen.add(e.id())) {
        continue;
      }
      List<Element> next = new ArrayList<>();
      for (Flow f : e.outgoing()) {
        next.add(scope.definition.process().element(f.targetId()));
      }
      for (Element be : e.boundaryEvents()) {
        next.add(be);
      }
      for (Element n : next) {
        if (n == gateway) {
          return true;
        }
        todo.add(n);
      }
    }
    return false;
  }

  /** Completes a flow scope (process, sub-process) when nothing is active or waiting in it. */
  public void checkScopeCompletion(ElementInstance scope) {
    if (!alive(scope) || scope.state != LifecycleState.ACTIVATED || scope.multiInstanceBody) {
      return;
    }
    while (!scope.joinTokens.isEmpty() && alive(scope) && fireInclusiveJoins(scope)) {
      // a fired join may complete more of the scope
    }
    if (!alive(scope) || scope.state != LifecycleState.ACTIVATED) {
      return;
    }
    if (scope.children.isEmpty() && !scope.hasJoinTokens()) {
      complete(scope);
    }
  }

  // ------------------------------------------------------------------ termination

  /** Terminates an instance and everything inside it. Does not complete the flow scope. */
  public void terminate(ElementInstance instance) {
    b.writer.append(new EngineEvent.ElementTerminating(instance.key));
    for (Long childKey : new ArrayList<>(instance.children)) {
      ElementInstance child = b.state.instances.get(childKey);
      if (child != null) {
        terminate(child);
      }
    }
    b.events.closeAll(instance);
    b.processors.of(instance).onTerminate(instance);
    b.jobs.cancelJob(instance); // a listener's job the element was waiting for
    b.incidents.removeFor(instance);
    b.writer.append(new EngineEvent.ElementTerminated(instance.key));
    if (instance.parentKey < 0) {
      b.compensation.instanceEnded(instance);
      b.context.processInstanceTerminated(instance.key);
    }
  }

  /**
   * An event-based gateway hands over to the event that occurred: the event is activated in the
   * gateway's flow scope, then the gateway completes without taking flows.
   */
  public void replaceWithEvent(ElementInstance gateway, Element event, Map<String, Object> variables) {
    b.writer.append(new EngineEvent.ElementCompleting(gateway.key));
    b.events.closeAll(gateway);
    ElementInstance scope = b.state.instances.get(gateway.parentKey);
    activate(event, scope, variables == null ? Map.of() : variables);
    if (b.state.instances.get(gateway.key) == gateway) {
      remove(gateway);
    }
    checkScopeCompletion(scope);
  }
}
