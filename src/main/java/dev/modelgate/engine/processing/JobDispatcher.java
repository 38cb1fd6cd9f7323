package dev.modelgate.engine.processing;

import dev.modelgate.engine.behavior.ActivatedJobData;
import dev.modelgate.engine.behavior.JobBehavior;
import dev.modelgate.engine.processing.Command.ActivateJobs;
import dev.modelgate.engine.processing.Command.OpenJobStream;
import dev.modelgate.engine.state.EngineState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who waits for jobs: open job streams and long-polling ActivateJobs requests. These are connections,
 * not engine state (they are neither logged nor in snapshots). Newly activatable jobs go to streams
 * first, then to long polls; activating a job is an event ({@code JobActivated}) like any other change.
 */
public final class JobDispatcher {
  private record Poller(long id, ActivateJobs request, Responder responder, long expiresAtNanos) {}

  private record Stream(long id, OpenJobStream request, Responder responder) {}

  private final EngineState state;
  private final ProcessingContext ctx;
  private final JobBehavior jobs;
  private final Map<Long, Poller> pollers = new LinkedHashMap<>();
  private final Map<Long, Stream> streams = new LinkedHashMap<>();
  private long nextPollerId;

  JobDispatcher(EngineState state, ProcessingContext ctx, JobBehavior jobs) {
    this.state = state;
    this.ctx = ctx;
    this.jobs = jobs;
  }

  /** Activates up to {@code max} activatable jobs of a type, oldest first. */
  public List<ActivatedJobData> activate(String type, String worker, long timeout, int max, List<String> fetch) {
    Set<Long> activatable = state.activatableJobsByType.get(type);
    if (activatable == null || activatable.isEmpty()) {
      return List.of();
    }
    List<Long> keys = new ArrayList<>();
    Iterator<Long> it = activatable.iterator();
    while (it.hasNext() && keys.size() < max) {
      keys.add(it.next());
    }
    List<ActivatedJobData> result = new ArrayList<>();
    for (long key : keys) {
      result.add(jobs.activate(state.jobs.get(key), worker, timeout, fetch));
    }
    return result;
  }

  public void poll(ActivateJobs request, Responder responder, long waitMillis) {
    long id = nextPollerId++;
    pollers.put(id, new Poller(id, request, responder, System.nanoTime() + waitMillis * 1_000_000L));
  }

  public void openStream(OpenJobStream request, Responder responder) {
    streams.put(request.streamId(), new Stream(request.streamId(), request, responder));
    ctx.jobBecameActivatable(request.type());
  }

  public void closeStream(long streamId) {
    streams.remove(streamId);
  }

  /** Hands newly activatable jobs to open streams first, then to waiting long polls. */
  void dispatch() {
    if (ctx.activatableJobTypes().isEmpty()) {
      return;
    }
    List<String> types = new ArrayList<>(ctx.activatableJobTypes());
    ctx.activatableJobTypes().clear();
    for (String type : types) {
      for (Stream s : new ArrayList<>(streams.values())) {
        if (!s.request().type().equals(type)) {
          continue;
        }
        if (s.responder().isCancelled()) {
          streams.remove(s.id());
          continue;
        }
        List<ActivatedJobData> activated = activate(type, s.request().worker(), s.request().timeout(),
            Integer.MAX_VALUE, s.request().fetchVariables());
        for (ActivatedJobData job : activated) {
          ctx.afterDurable(() -> s.responder().push(job));
        }
      }
      for (Poller p : new ArrayList<>(pollers.values())) {
        if (!p.request().type().equals(type)) {
          continue;
        }
        if (p.responder().isCancelled()) {
          pollers.remove(p.id());
          continue;
        }
        List<ActivatedJobData> activated = activate(type, p.request().worker(), p.request().timeout(),
            p.request().maxJobs(), p.request().fetchVariables());
        if (!activated.isEmpty()) {
          pollers.remove(p.id());
          Results.ActivatedJobs result = new Results.ActivatedJobs(activated);
          ctx.afterDurable(() -> p.responder().succeed(result));
        }
      }
    }
  }

  /** Answers long polls whose request timeout passed (with no jobs) and forgets cancelled callers. */
  public void expire() {
    long nanos = System.nanoTime();
    for (Poller p : new ArrayList<>(pollers.values())) {
      if (p.responder().isCancelled()) {
        pollers.remove(p.id());
      } else if (nanos - p.expiresAtNanos() >= 0) {
        pollers.remove(p.id());
        Results.ActivatedJobs empty = new Results.ActivatedJobs(List.of());
        ctx.afterDurable(() -> p.responder().succeed(empty));
      }
    }
    streams.values().removeIf(s -> s.responder().isCancelled());
  }

  boolean hasPollers() {
    return !pollers.isEmpty();
  }

  void abandon(Rejection reason) {
    pollers.values().forEach(p -> p.responder().succeed(new Results.ActivatedJobs(List.of())));
    pollers.clear();
    streams.values().forEach(s -> s.responder().reject(reason));
    streams.clear();
  }
}
