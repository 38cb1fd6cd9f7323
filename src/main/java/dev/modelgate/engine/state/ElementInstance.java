package dev.modelgate.engine.state;

import dev.modelgate.engine.model.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A running instance of one element (the process instance itself is the root instance). */
public final class ElementInstance {
  public final long key;
  public final long processInstanceKey;
  /** The flow scope instance, or -1 for a process instance. */
  public final long parentKey;
  public final ProcessDefinition definition;
  public final Element element;
  /** True for the multi-instance body; its children are the inner instances. */
  public final boolean multiInstanceBody;
  public LifecycleState state = LifecycleState.ACTIVATING;
  public final Map<String, Object> variables = new LinkedHashMap<>();
  public final Set<Long> children = new LinkedHashSet<>();
  /** Tokens waiting at joining gateways of this scope: gateway id -> flow id -> count. */
  public final Map<String, Map<String, Integer>> joinTokens = new LinkedHashMap<>();
  public long jobKey = -1;
  /** The next execution listener to run in the current phase (start while activating, end while completing). */
  public int listenerIndex;
  /** For a process instance waiting for its start listeners: the start event to activate then. */
  public String startEventId;
  /** For a Camunda user task element: its user task, or -1. */
  public long userTaskKey = -1;
  /** Timers and message subscriptions owned by this instance. */
  public final List<Long> timerKeys = new ArrayList<>();
  public final List<Long> subscriptionKeys = new ArrayList<>();
  /** For a call activity: the called process instance. */
  public long calledInstanceKey = -1;
  /** For a called process instance: the call activity instance in the parent. */
  public long callingInstanceKey = -1;
  /** For inner multi-instance instances: 1-based loop counter. */
  public int loopCounter;
  /** For multi-instance bodies: the input collection and progress counters. */
  public List<Object> inputCollection;
  public int nextIndex;
  public int completedInstances;
  public int terminatedInstances;
  /** Open incident on this element, or -1. */
  public long incidentKey = -1;
  /** For a process instance started by a message with a correlation key: its uniqueness key. */
  public String messageStartKey;
  /** Variables of the event that activated this element (catch events triggered at once). */
  public Map<String, Object> eventVariables;

  public ElementInstance(long key, long processInstanceKey, long parentKey, ProcessDefinition definition,
      Element element, boolean multiInstanceBody) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.parentKey = parentKey;
    this.definition = definition;
    this.element = element;
    this.multiInstanceBody = multiInstanceBody;
  }

  public boolean isProcessInstance() {
    return parentKey < 0;
  }

  public boolean hasJoinTokens() {
    for (Map<String, Integer> m : joinTokens.values()) {
      for (int c : m.values()) {
        if (c > 0) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ElementInstance[" + key + " " + element + (multiInstanceBody ? " body" : "") + " " + state + "]";
  }
}
