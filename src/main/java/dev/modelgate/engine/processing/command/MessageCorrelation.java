package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.ProcessDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What publishing and correlating a message share: the message starts the latest versions of processes with
 * a matching message start event (once per correlation key while such an instance runs), then reaches each
 * waiting process instance at most once.
 */
final class MessageCorrelation {
  private MessageCorrelation() {}

  /** Correlates the message now; answers the process instances it reached, in the order it reached them. */
  static Set<Long> correlate(BpmnBehaviors b, String name, String correlationKey, Map<String, Object> variables) {
    Set<Long> correlated = new LinkedHashSet<>();
    for (List<ProcessDefinition> versions : new TreeMap<>(b.state.versionsByProcessId).values()) {
      ProcessDefinition latest = versions.get(versions.size() - 1);
      for (Element start : latest.process().startEvents()) {
        if (start.eventType() != EventType.MESSAGE || !start.message().messageName().equals(name)) {
          continue;
        }
        String uniqueness = latest.bpmnProcessId() + '\u0000' + correlationKey;
        if (!correlationKey.isEmpty() && b.state.messageStartedInstances.containsKey(uniqueness)) {
          continue;
        }
        ElementInstance root = b.transitions.createProcessInstance(latest, Map.of(), start, variables, -1);
        correlated.add(root.key);
        if (!correlationKey.isEmpty() && b.state.instances.containsKey(root.key)) {
          b.writer.append(new EngineEvent.MessageStartRegistered(root.key, uniqueness));
        }
      }
    }
    Set<Long> subscriptionKeys = b.state.subscriptionsByMessage.get(EngineState.messageKey(name, correlationKey));
    if (subscriptionKeys != null) {
      for (long key : new ArrayList<>(subscriptionKeys)) {
        MessageSubscription s = b.state.subscriptions.get(key);
        if (s == null || correlated.contains(s.processInstanceKey())) {
          continue;
        }
        correlated.add(s.processInstanceKey());
        b.events.correlate(s, variables);
      }
    }
    return correlated;
  }
}
