package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.CalledInstanceLinked;
import dev.modelgate.engine.event.EngineEvent.ElementActivated;
import dev.modelgate.engine.event.EngineEvent.ElementActivating;
import dev.modelgate.engine.event.EngineEvent.ElementActivationRetried;
import dev.modelgate.engine.event.EngineEvent.ElementCompleted;
import dev.modelgate.engine.event.EngineEvent.ElementCompleting;
import dev.modelgate.engine.event.EngineEvent.ElementTerminated;
import dev.modelgate.engine.event.EngineEvent.ElementTerminating;
import dev.modelgate.engine.event.EngineEvent.EventVariablesConsumed;
import dev.modelgate.engine.event.EngineEvent.JoinTokensCleared;
import dev.modelgate.engine.event.EngineEvent.JoinTokensConsumed;
import dev.modelgate.engine.event.EngineEvent.MessageStartRegistered;
import dev.modelgate.engine.event.EngineEvent.MultiInstanceStarted;
import dev.modelgate.engine.event.EngineEvent.SequenceFlowTaken;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.LifecycleState;
import dev.modelgate.engine.state.ProcessDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appliers of element instance events: lifecycle, tokens at joining gateways, links between instances. */
final class ElementInstanceAppliers {
  private final EngineState state;

  ElementInstanceAppliers(EngineState state) {
    this.state = state;
  }

  void activating(ElementActivating e) {
    ProcessDefinition definition = state.definitions.get(e.processDefinitionKey());
    ElementInstance instance = new ElementInstance(e.key(), e.processInstanceKey(), e.parentKey(), definition,
        e.parentKey() < 0 ? definition.process().root() : definition.process().element(e.elementId()),
        e.multiInstanceBody());
    instance.callingInstanceKey = e.callingInstanceKey();
    instance.loopCounter = e.loopCounter();
    instance.eventVariables = e.eventVariables();
    instance.state = LifecycleState.ACTIVATING;
    state.instances.put(instance.key, instance);
    ElementInstance scope = e.parentKey() < 0 ? null : state.instances.get(e.parentKey());
    if (scope != null) {
      scope.children.add(instance.key);
      if (scope.multiInstanceBody && e.loopCounter() > 0) {
        scope.nextIndex = e.loopCounter();
      }
    }
  }

  void activationRetried(ElementActivationRetried e) {
    state.instances.get(e.key()).state = LifecycleState.ACTIVATING;
  }

  void activated(ElementActivated e) {
    state.instances.get(e.key()).state = LifecycleState.ACTIVATED;
  }

  void completing(ElementCompleting e) {
    state.instances.get(e.key()).state = LifecycleState.COMPLETING;
  }

  void completed(ElementCompleted e) {
    ElementInstance instance = state.instances.remove(e.key());
    ElementInstance scope = instance.parentKey < 0 ? null : state.instances.get(instance.parentKey);
    if (scope != null) {
      scope.children.remove(instance.key);
      if (scope.multiInstanceBody) {
        scope.completedInstances++;
      }
    }
    if (instance.isProcessInstance()) {
      releaseMessageStart(instance);
    }
  }

  void terminating(ElementTerminating e) {
    state.instances.get(e.key()).state = LifecycleState.TERMINATING;
  }

  void terminated(ElementTerminated e) {
    ElementInstance instance = state.instances.remove(e.key());
    ElementInstance scope = instance.parentKey < 0 ? null : state.instances.get(instance.parentKey);
    if (scope != null) {
      scope.children.remove(instance.key);
      if (scope.multiInstanceBody) {
        scope.terminatedInstances++;
      }
    }
    if (instance.isProcessInstance()) {
      releaseMessageStart(instance);
    }
  }

  private void releaseMessageStart(ElementInstance root) {
    if (root.messageStartKey != null) {
      state.messageStartedInstances.remove(root.messageStartKey);
    }
  }

  void sequenceFlowTaken(SequenceFlowTaken e) {
    if (e.joining()) {
      state.instances.get(e.scopeKey()).joinTokens.computeIfAbsent(e.targetId(), k -> new LinkedHashMap<>())
          .merge(e.flowId(), 1, Integer::sum);
    }
  }

  void joinTokensConsumed(JoinTokensConsumed e) {
    ElementInstance scope = state.instances.get(e.scopeKey());
    Map<String, Integer> tokens = scope.joinTokens.get(e.gatewayId());
    tokens.replaceAll((flow, count) -> count - 1);
    tokens.values().removeIf(c -> c <= 0);
    if (tokens.isEmpty()) {
      scope.joinTokens.remove(e.gatewayId());
    }
  }

  void joinTokensCleared(JoinTokensCleared e) {
    state.instances.get(e.scopeKey()).joinTokens.clear();
  }

  void calledInstanceLinked(CalledInstanceLinked e) {
    state.instances.get(e.key()).calledInstanceKey = e.calledInstanceKey();
  }

  void eventVariablesConsumed(EventVariablesConsumed e) {
    state.instances.get(e.key()).eventVariables = null;
  }

  void multiInstanceStarted(MultiInstanceStarted e) {
    ElementInstance body = state.instances.get(e.key());
    body.inputCollection = new ArrayList<>(e.inputCollection());
    body.nextIndex = 0;
    body.completedInstances = 0;
    body.terminatedInstances = 0;
  }

  void messageStartRegistered(MessageStartRegistered e) {
    state.instances.get(e.key()).messageStartKey = e.uniquenessKey();
    state.messageStartedInstances.put(e.uniquenessKey(), e.key());
  }
}
