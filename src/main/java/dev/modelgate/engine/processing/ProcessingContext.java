package dev.modelgate.engine.processing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the processing of one command sees besides the state: the command's timestamp (from the
 * engine clock), follow-up work, and side effects that may only
 * happen once the batch is durable.
 */
public final class ProcessingContext {
  private long now;
  private final Deque<Runnable> agenda = new ArrayDeque<>();
  private final Set<String> activatableJobTypes = new LinkedHashSet<>();
  private final List<Runnable> afterDurable = new ArrayList<>();
  private final List<ProcessInstanceListener> listeners = new ArrayList<>();

  /** Told when a root or called process instance completes or is terminated. */
  public interface ProcessInstanceListener {
    void completed(long processInstanceKey, java.util.Map<String, Object> variables);

    void terminated(long processInstanceKey);
  }

  public long now() {
    return now;
  }

  public void setNow(long now) {
    this.now = now;
  }

  /** Work to do after the current step, within the same command. */
  public void later(Runnable step) {
    agenda.add(step);
  }

  public void drainAgenda() {
    Runnable r;
    while ((r = agenda.poll()) != null) {
      r.run();
    }
  }

  /** Drops follow-up work after a failed command. */
  public void clearAgenda() {
    agenda.clear();
  }

  public void jobBecameActivatable(String type) {
    activatableJobTypes.add(type);
  }

  public Set<String> activatableJobTypes() {
    return activatableJobTypes;
  }

  /** A side effect (a reply) to run only after the batch is durable. */
  public void afterDurable(Runnable r) {
    afterDurable.add(r);
  }

  public List<Runnable> takeAfterDurable() {
    List<Runnable> copy = new ArrayList<>(afterDurable);
    afterDurable.clear();
    return copy;
  }

  public void addListener(ProcessInstanceListener l) {
    listeners.add(l);
  }

  public void processInstanceCompleted(long key, java.util.Map<String, Object> variables) {
    for (ProcessInstanceListener l : listeners) {
      l.completed(key, variables);
    }
  }

  public void processInstanceTerminated(long key) {
    for (ProcessInstanceListener l : listeners) {
      l.terminated(key);
    }
  }
}
