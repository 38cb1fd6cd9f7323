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
}
