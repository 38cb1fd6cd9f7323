package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.processing.Command.CorrelateMessage;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.ProcessDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Correlates a message as Camunda's message correlation does: to the first subscription waiting for its
 * name and correlation key, else to the first message start event of the latest process versions (once
 * per correlation key while such an instance runs). Unlike a publication the message is never buffered:
 * when nothing correlates it is rejected as NOT_FOUND and nothing is written.
 */
public final class CorrelateMessageProcessor implements TypedCommandProcessor<CorrelateMessage> {
  private final BpmnBehaviors b;

  public CorrelateMessageProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(CorrelateMessage c, Responder responder) {
    if (c.name() == null || c.name().isBlank()) {
      return Rejection.invalid("Expected a message name, but none given");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    String correlationKey = c.correlationKey() == null ? "" : c.correlationKey();
    MessageSubscription waiting = firstWaiting(EngineState.messageKey(c.name(), correlationKey));
    if (waiting != null) {
      long messageKey = b.state.nextKey();
      b.events.correlate(waiting, variables);
      return written(messageKey, c, correlationKey, variables, waiting.processInstanceKey());
    }
    for (List<ProcessDefinition> versions : new TreeMap<>(b.state.versionsByProcessId).values()) {
      ProcessDefinition latest = versions.get(versions.size() - 1);
      for (Element start : latest.process().startEvents()) {
        if (start.eventType() != EventType.MESSAGE || !start.message().messageName().equals(c.name())) {
          continue;
        }
        String uniqueness = latest.bpmnProcessId() + '\u0000' + correlationKey;
        if (!correlationKey.isEmpty() && b.state.messageStartedInstances.containsKey(uniqueness)) {
          continue;
        }
        long messageKey = b.state.nextKey();
        ElementInstance root = b.transitions.createProcessInstance(latest, Map.of(), start, variables, -1);
        if (!correlationKey.isEmpty() && b.state.instances.containsKey(root.key)) {
          b.writer.append(new EngineEvent.MessageStartRegistered(root.key, uniqueness));
        }
        return written(messageKey, c, correlationKey, variables, root.key);
      }
    }
    return Rejection.notFound("Expected to find subscription for message with name '" + c.name()
        + "' and correlation key '" + correlationKey + "', but none was found.");
  }

  /** The subscription with the lowest key (the longest waiting) that is still open, or null. */
  private MessageSubscription firstWaiting(String messageKey) {
    Set<Long> keys = b.state.subscriptionsByMessage.get(messageKey);
    if (keys == null) {
      return null;
    }
    return keys.stream().sorted().map(b.state.subscriptions::get)
        .filter(s -> s != null && b.state.instances.containsKey(s.elementInstanceKey())).findFirst().orElse(null);
  }

  /** Records the message as published without a time to live (so it is not buffered) and answers it. */
  private Results.MessageCorrelation written(long messageKey, CorrelateMessage c, String correlationKey,
      Map<String, Object> variables, long processInstanceKey) {
    b.writer.append(new EngineEvent.MessagePublished(messageKey, c.name(), correlationKey, "", variables, -1,
        new java.util.LinkedHashSet<>(Set.of(processInstanceKey))));
    return new Results.MessageCorrelation(messageKey, processInstanceKey);
  }
}
