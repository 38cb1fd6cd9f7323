package dev.modelgate.workflow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an operator alerts on: running workflows that wait for nothing (no task, no message) although their
 * last step ended a while ago — the shape of a workflow a crash left stuck — and workflows with an open
 * incident. Counted from the read model every {@link #REFRESH_EVERY}, never on a scrape, so a scrape costs
 * nothing and both engines are counted alike.
 */
public final class WorkflowHealth {

  /** How long a workflow may go without a current step while a service step runs before it counts as idle. */
  static final Duration IDLE_AFTER = Duration.ofMinutes(1);
  public static final Duration REFRESH_EVERY = Duration.ofSeconds(15);

  /** The two gauges' values. */
  public record Counts(long withoutCurrentStep, long openIncidents) {}

  private final Supplier<Iterable<Workflow>> running;
  private final Clock clock;
  private volatile Counts last = new Counts(0, 0);

  public WorkflowHealth(WorkflowRepository workflows, Clock clock) {
    this(workflows::running, clock);
  }

  WorkflowHealth(Supplier<Iterable<Workflow>> running, Clock clock) {
    this.running = running;
    this.clock = clock;
  }

  /** Exported as {@code modelgate_workflows_without_current_step} and {@code modelgate_incidents_open}. */
  public void register(MeterRegistry metrics) {
    Gauge.builder("modelgate.workflows.without.current.step", this, h -> h.last.withoutCurrentStep())
        .description("running workflows with no open task or awaited message for over a minute").register(metrics);
    Gauge.builder("modelgate.incidents.open", this, h -> h.last.openIncidents())
        .description("running workflows with a step that failed with no retries left and was not retried since")
        .register(metrics);
  }

  public Counts refresh() {
    last = count(running.get(), Instant.now(clock));
    return last;
  }

  static Counts count(Iterable<Workflow> workflows, Instant now) {
    long idle = 0;
    long incidents = 0;
    for (Workflow w : workflows) {
      if (w.status() != Workflow.Status.RUNNING) {
        continue;
      }
      if (w.currentSteps().isEmpty() && lastActivity(w).isBefore(now.minus(IDLE_AFTER))) {
        idle++;
      }
      if (hasOpenIncident(w.timeline())) {
        incidents++;
      }
    }
    return new Counts(idle, incidents);
  }

  private static Instant lastActivity(Workflow w) {
    Instant last = w.startedAt();
    for (Workflow.TimelineEntry e : w.timeline()) {
      for (Instant at : new Instant[] {e.startedAt(), e.finishedAt()}) {
        if (at != null && at.isAfter(last)) {
          last = at;
        }
      }
    }
    return last;
  }

  /** An incident entry on the timeline after which its step never succeeded (a resolved retry adds a line). */
  static boolean hasOpenIncident(List<Workflow.TimelineEntry> timeline) {
    for (int i = timeline.size() - 1; i >= 0; i--) {
      Workflow.TimelineEntry e = timeline.get(i);
      if (!"incident".equals(e.kind())) {
        continue;
      }
      boolean retriedSince = timeline.subList(i + 1, timeline.size()).stream()
          .anyMatch(later -> Objects.equals(later.step(), e.step()) && !"failure".equals(later.kind())
              && !"incident".equals(later.kind()));
      if (!retriedSince) {
        return true;
      }
    }
    return false;
  }
}
