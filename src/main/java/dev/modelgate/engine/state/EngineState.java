package dev.modelgate.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's whole in-memory state. Only the single writer touches it, and only through the event
 * appliers ({@link dev.modelgate.engine.event.EventApplier}); processing reads it. Maps whose iteration
 * order matters are ordered, so that replaying the log gives the same state.
 */
public final class EngineState {
  /** Zeebe keys carry the partition id in their upper bits; this engine is partition 1. */
  public static final long KEY_BASE = 1L << 51;

  private long nextKey = KEY_BASE + 1;
  /** Position of the last record applied (the log's positions continue from it). */
  private long lastPosition;

  public final Map<Long, ProcessDefinition> definitions = new LinkedHashMap<>();
  public final Map<String, List<ProcessDefinition>> versionsByProcessId = new HashMap<>();
  public final Map<Long, ElementInstance> instances = new HashMap<>();
  public final Map<Long, Job> jobs = new HashMap<>();
  public final Map<String, LinkedHashSet<Long>> activatableJobsByType = new HashMap<>();
  /** Activated jobs by deadline, and jobs in back-off by recur time: "time:key" pairs. */
  public final NavigableSet<long[]> jobDeadlines = new TreeSet<>(EngineState::compareDue);
  public final NavigableSet<long[]> jobBackoffs = new TreeSet<>(EngineState::compareDue);
  public final Map<Long, Timer> timers = new HashMap<>();
  public final NavigableSet<long[]> timersByDue = new TreeSet<>(EngineState::compareDue);
  public final Map<Long, MessageSubscription> subscriptions = new HashMap<>();
  public final Map<String, LinkedHashSet<Long>> subscriptionsByMessage = new HashMap<>();
  public final Map<Long, BufferedMessage> messages = new HashMap<>();
  public final Map<String, LinkedHashSet<Long>> messagesByNameAndKey = new HashMap<>();
  public final NavigableSet<long[]> messagesByExpiry = new TreeSet<>(EngineState::compareDue);
  /** Process instances started by a message start event, by bpmnProcessId + correlation key. */
  public final Map<String, Long> messageStartedInstances = new HashMap<>();
  public final Map<Long, Incident> incidents = new LinkedHashMap<>();
  /** Camunda user tasks by key; changed only through {@code UserTaskBehavior}. */
  public final Map<Long, UserTask> userTasks = new LinkedHashMap<>();
  /** Signal subscriptions of running instances, and their keys by signal name in the order they opened. */
  public final Map<Long, SignalSubscription> signalSubscriptions = new HashMap<>();
  public final Map<String, LinkedHashSet<Long>> signalSubscriptionsByName = new HashMap<>();
  /** Deployed DRGs and decisions by key, and their versions (oldest first) by DMN id. */
  public final Map<Long, DecisionRequirements> decisionRequirements = new LinkedHashMap<>();
  public final Map<String, List<DecisionRequirements>> drgVersionsById = new HashMap<>();
  public final Map<Long, Decision> decisions = new LinkedHashMap<>();
  public final Map<String, List<Decision>> decisionVersionsById = new HashMap<>();
  /** For bindingType="deployment": process definition key → decision id → key of the decision deployed with it. */
  public final Map<Long, Map<String, Long>> decisionsDeployedWith = new LinkedHashMap<>();
  /** Compensation subscriptions of completed activities, in the order the activities completed. */
  public final Map<Long, CompensationSubscription> compensations = new LinkedHashMap<>();
  /** Compensation subscriptions by the flow scope instance they were left in, and by process instance. */
  public final Map<Long, LinkedHashSet<Long>> compensationsByScope = new HashMap<>();
  public final Map<Long, LinkedHashSet<Long>> compensationsByProcessInstance = new HashMap<>();
  /** Triggered compensation subscriptions by their handler's element instance key. */
  public final Map<Long, Long> compensationsByHandler = new HashMap<>();

  private static int compareDue(long[] a, long[] b) {
    int c = Long.compare(a[0], b[0]);
    return c != 0 ? c : Long.compare(a[1], b[1]);
  }

  public long nextKey() {
    return nextKey++;
  }

  public long peekNextKey() {
    return nextKey;
  }

  public void setNextKey(long nextKey) {
    this.nextKey = nextKey;
  }

  /** An event carried {@code key}: new keys come after it (replay rebuilds the key generator this way). */
  public void keyUsed(long key) {
    if (key >= nextKey) {
      nextKey = key + 1;
    }
  }

  public long lastPosition() {
    return lastPosition;
  }

  public void setLastPosition(long position) {
    this.lastPosition = position;
  }

  public static String messageKey(String name, String correlationKey) {
    return name + '\u0000' + correlationKey;
  }

  // ---- compensation subscriptions

  public void addCompensation(CompensationSubscription c) {
    compensations.put(c.key, c);
    compensationsByScope.computeIfAbsent(c.scopeKey, k -> new LinkedHashSet<>()).add(c.key);
    compensationsByProcessInstance.computeIfAbsent(c.processInstanceKey, k -> new LinkedHashSet<>()).add(c.key);
    if (c.handlerInstanceKey >= 0) {
      compensationsByHandler.put(c.handlerInstanceKey, c.key);
    }
  }

  public void triggerCompensation(CompensationSubscription c, long throwEventKey, long handlerInstanceKey) {
    c.throwEventKey = throwEventKey;
    c.handlerInstanceKey = handlerInstanceKey;
    compensationsByHandler.put(handlerInstanceKey, c.key);
  }

  public void removeCompensation(long key) {
    CompensationSubscription c = compensations.remove(key);
    if (c == null) {
      return;
    }
    removeFrom(compensationsByScope, c.scopeKey, key);
    removeFrom(compensationsByProcessInstance, c.processInstanceKey, key);
    if (c.handlerInstanceKey >= 0) {
      compensationsByHandler.remove(c.handlerInstanceKey);
    }
  }

  private static void removeFrom(Map<Long, LinkedHashSet<Long>> index, long at, long key) {
    LinkedHashSet<Long> keys = index.get(at);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      index.remove(at);
    }
  }

  /** The compensation subscriptions left in a flow scope instance, oldest first. */
  public List<CompensationSubscription> compensationsIn(long scopeKey) {
    List<CompensationSubscription> out = new ArrayList<>();
    for (long key : compensationsByScope.getOrDefault(scopeKey, new LinkedHashSet<>())) {
      out.add(compensations.get(key));
    }
    return out;
  }

  public List<CompensationSubscription> compensationsOf(long processInstanceKey) {
    List<CompensationSubscription> out = new ArrayList<>();
    for (long key : compensationsByProcessInstance.getOrDefault(processInstanceKey, new LinkedHashSet<>())) {
      out.add(compensations.get(key));
    }
    return out;
  }

  // ---- definitions

  public ProcessDefinition latest(String bpmnProcessId) {
    List<ProcessDefinition> versions = versionsByProcessId.get(bpmnProcessId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public ProcessDefinition version(String bpmnProcessId, int version) {
    List<ProcessDefinition> versions = versionsByProcessId.get(bpmnProcessId);
    if (versions == null) {
      return null;
    }
    for (ProcessDefinition d : versions) {
      if (d.version() == version) {
        return d;
      }
    }
    return null;
  }

  public void addDefinition(ProcessDefinition definition) {
    definitions.put(definition.key(), definition);
    versionsByProcessId.computeIfAbsent(definition.bpmnProcessId(), k -> new ArrayList<>()).add(definition);
  }

  // ---- decisions

  public DecisionRequirements latestDecisionRequirements(String drgId) {
    List<DecisionRequirements> versions = drgVersionsById.get(drgId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public Decision latestDecision(String decisionId) {
    List<Decision> versions = decisionVersionsById.get(decisionId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  /** A new version of a DRG; its decisions follow ({@link #addDecision}). */
  public void addDecisionRequirements(DecisionRequirements drg) {
    decisionRequirements.put(drg.key(), drg);
    drgVersionsById.computeIfAbsent(drg.drgId(), k -> new ArrayList<>()).add(drg);
  }

  /** A new version of a decision, of a DRG version already added. */
  public void addDecision(Decision decision) {
    decisions.put(decision.key(), decision);
    decisionVersionsById.computeIfAbsent(decision.decisionId(), k -> new ArrayList<>()).add(decision);
  }

  /** Records the decisions deployed together with a new process definition. */
  public void bindDeployedDecisions(long processDefinitionKey, Map<String, Long> decisionKeysById) {
    // insertion order kept: snapshots and state digests list the bindings in it
    decisionsDeployedWith.put(processDefinitionKey, java.util.Collections.unmodifiableMap(
        new LinkedHashMap<>(decisionKeysById)));
  }

  // ---- jobs

  public void makeActivatable(Job job) {
    unschedule(job);
    job.state = Job.State.ACTIVATABLE;
    job.worker = "";
    job.deadline = -1;
    job.recurAt = -1;
    activatableJobsByType.computeIfAbsent(job.type, k -> new LinkedHashSet<>()).add(job.key);
  }

  public void activate(Job job, String worker, long deadline) {
    unschedule(job);
    job.state = Job.State.ACTIVATED;
    job.worker = worker;
    job.deadline = deadline;
    jobDeadlines.add(new long[] {deadline, job.key});
  }

  public void backoff(Job job, long recurAt) {
    unschedule(job);
    job.state = Job.State.BACKOFF;
    job.recurAt = recurAt;
    jobBackoffs.add(new long[] {recurAt, job.key});
  }

  public void setJobState(Job job, Job.State state) {
    unschedule(job);
    job.state = state;
  }

  public void removeJob(Job job) {
    unschedule(job);
    jobs.remove(job.key);
  }

  public void changeDeadline(Job job, long deadline) {
    jobDeadlines.remove(new long[] {job.deadline, job.key});
    job.deadline = deadline;
    jobDeadlines.add(new long[] {deadline, job.key});
  }

  private void unschedule(Job job) {
    switch (job.state) {
      case ACTIVATABLE -> {
        Set<Long> set = activatableJobsByType.get(job.type);
        if (set != null) {
          set.remove(job.key);
        }
      }
      case ACTIVATED -> jobDeadlines.remove(new long[] {job.deadline, job.key});
      case BACKOFF -> jobBackoffs.remove(new long[] {job.recurAt, job.key});
      default -> {}
    }
  }

  // ---- timers

  public void addTimer(Timer timer) {
    timers.put(timer.key(), timer);
    timersByDue.add(new long[] {timer.schedule().due(), timer.key()});
  }

  public Timer removeTimer(long key) {
    Timer timer = timers.remove(key);
    if (timer != null) {
      timersByDue.remove(new long[] {timer.schedule().due(), key});
    }
    return timer;
  }

  // ---- message subscriptions

  public void addSubscription(MessageSubscription s) {
    subscriptions.put(s.key(), s);
    subscriptionsByMessage.computeIfAbsent(messageKey(s.messageName(), s.correlationKey()), k -> new LinkedHashSet<>())
        .add(s.key());
  }

  public void removeSubscription(long key) {
    MessageSubscription s = subscriptions.remove(key);
    if (s != null) {
      String mk = messageKey(s.messageName(), s.correlationKey());
      Set<Long> set = subscriptionsByMessage.get(mk);
      if (set != null) {
        set.remove(key);
        if (set.isEmpty()) {
          subscriptionsByMessage.remove(mk);
        }
      }
    }
  }

  // ---- buffered messages

  public void addMessage(BufferedMessage m) {
    messages.put(m.key(), m);
    messagesByNameAndKey.computeIfAbsent(messageKey(m.name(), m.correlationKey()), k -> new LinkedHashSet<>())
        .add(m.key());
    messagesByExpiry.add(new long[] {m.expiresAt(), m.key()});
  }

  public void removeMessage(long key) {
    BufferedMessage m = messages.remove(key);
    if (m != null) {
      String mk = messageKey(m.name(), m.correlationKey());
      Set<Long> set = messagesByNameAndKey.get(mk);
      if (set != null) {
        set.remove(key);
        if (set.isEmpty()) {
          messagesByNameAndKey.remove(mk);
        }
      }
      messagesByExpiry.remove(new long[] {m.expiresAt(), key});
    }
  }

  // ---- signal subscriptions

  public void addSignalSubscription(SignalSubscription s) {
    signalSubscriptions.put(s.key(), s);
    signalSubscriptionsByName.computeIfAbsent(s.signalName(), k -> new LinkedHashSet<>()).add(s.key());
  }

  public void removeSignalSubscription(long key) {
    SignalSubscription s = signalSubscriptions.remove(key);
    if (s != null) {
      Set<Long> set = signalSubscriptionsByName.get(s.signalName());
      if (set != null) {
        set.remove(key);
        if (set.isEmpty()) {
          signalSubscriptionsByName.remove(s.signalName());
        }
      }
    }
  }
}
