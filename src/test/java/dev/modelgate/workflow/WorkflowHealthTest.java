package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.store.Ids;
import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The health gauges' counts, and the read-model writes a repeated job must not double. */
class WorkflowHealthTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static Store store;
  static WorkflowRepository workflows;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "health", Files.createTempDirectory("modelgate-wf-health-"));
    workflows = new WorkflowRepository(store);
    workflows.ensureIndexes();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static Workflow.TimelineEntry line(String step, String kind, Instant at) {
    return new Workflow.TimelineEntry(step, step, kind, "system", at, at, null);
  }

  static Workflow workflow(Workflow.Status status, List<Workflow.Step> steps, List<Workflow.TimelineEntry> timeline,
      Instant started) {
    return new Workflow(Ids.newId(), WorkflowType.REVIEW, "team", "p", "v", "m", "1", "sam", "sam", status, null,
        null, steps, timeline, Map.of(), started, null, List.of());
  }

  @Test
  void aRunningWorkflowWithoutACurrentStepCountsOnceItsLastStepIsOverAMinuteOld() {
    Instant old = NOW.minusSeconds(300);
    Workflow.Step task = new Workflow.Step("task:1", "task", "peer-review", "Peer review", "1", "t:engineer", old);
    List<Workflow> all = List.of(
        workflow(Workflow.Status.RUNNING, List.of(), List.of(line("validate-metrics", "service", old)), old),
        // a service step ended 20 s ago: the next one is probably running
        workflow(Workflow.Status.RUNNING, List.of(), List.of(line("validate-metrics", "service",
            NOW.minusSeconds(20))), old),
        workflow(Workflow.Status.RUNNING, List.of(task), List.of(), old),
        workflow(Workflow.Status.COMPLETED, List.of(), List.of(), old));
    assertEquals(new WorkflowHealth.Counts(1, 0), WorkflowHealth.count(all, NOW));
    assertEquals(new WorkflowHealth.Counts(2, 0), WorkflowHealth.count(all, NOW.plusSeconds(60)));
  }

  @Test
  void anIncidentIsOpenUntilItsStepSucceedsAfterIt() {
    Instant t = NOW.minusSeconds(600);
    List<Workflow.TimelineEntry> failing = List.of(line("deploy", "failure", t), line("deploy", "incident", t),
        line("peer-review", "task", t.plusSeconds(5)));
    assertTrue(WorkflowHealth.hasOpenIncident(failing), "a later line of another step does not close it");
    List<Workflow.TimelineEntry> resolved = new java.util.ArrayList<>(failing);
    resolved.add(line("deploy", "service", t.plusSeconds(9)));
    assertFalse(WorkflowHealth.hasOpenIncident(resolved));
    List<Workflow.TimelineEntry> failedAgain = new java.util.ArrayList<>(resolved);
    failedAgain.add(line("deploy", "failure", t.plusSeconds(20)));
    failedAgain.add(line("deploy", "incident", t.plusSeconds(21)));
    assertTrue(WorkflowHealth.hasOpenIncident(failedAgain));
    assertEquals(new WorkflowHealth.Counts(0, 1), WorkflowHealth.count(List.of(
        workflow(Workflow.Status.RUNNING, List.of(new Workflow.Step("m", "message", "x", "x", null, null, t)),
            failedAgain, t),
        workflow(Workflow.Status.FAILED, List.of(), failedAgain, t)), NOW));
  }

  @Test
  void theGaugesCountWhatTheStoreHoldsAndIgnoreEndedWorkflows() throws Exception {
    // A store of its own: the count covers every workflow in it.
    try (Store own = Store.open(Optional.empty(), "health-own", Files.createTempDirectory("modelgate-wf-health-"))) {
      countsTheStore(new WorkflowRepository(own));
    }
  }

  private static void countsTheStore(WorkflowRepository workflows) {
    workflows.ensureIndexes();
    Instant old = NOW.minusSeconds(3600);
    Workflow stuck = workflow(Workflow.Status.RUNNING, List.of(), List.of(line("validate-metrics", "service", old)),
        old);
    Workflow ended = workflow(Workflow.Status.RUNNING, List.of(), List.of(), old);
    workflows.insert(stuck);
    workflows.insert(ended);
    workflows.appendTimeline(stuck.id(), line("validate-metrics", "service", old));
    workflows.finish(ended.id(), Workflow.Status.COMPLETED, "approved", old);
    WorkflowHealth health = new WorkflowHealth(workflows, Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(new WorkflowHealth.Counts(1, 0), health.refresh());
  }

  @Test
  void aJobsTimelineLineIsWrittenOnceHoweverOftenTheJobRuns() {
    Workflow w = workflow(Workflow.Status.RUNNING, List.of(), List.of(), NOW);
    workflows.insert(w);
    Workflow.TimelineEntry e = line("validate-metrics", "service", NOW);
    workflows.appendTimelineOfJob(w.id(), 42L, e);
    workflows.appendTimelineOfJob(w.id(), 42L, e);
    workflows.appendTimelineOfJob(w.id(), 43L, e);
    assertEquals(2, workflows.find(w.id()).orElseThrow().timeline().size(),
        "job 42's line once, job 43 (the same step run again, e.g. in a loop) its own");
  }

  @Test
  void aLaunchIsInDoubtUntilTheEngineAnswersOrOneOfItsJobsRuns() {
    String project = Ids.newId();
    Workflow cutShort = new Workflow(Ids.newId(), WorkflowType.REVIEW, "team", project, "v1", "m", "1", "sam", "sam",
        Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), NOW, null, List.of());
    Workflow answered = new Workflow(Ids.newId(), WorkflowType.REVIEW, "team", project, "v2", "m", "2", "sam",
        "sam", Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), NOW, null, List.of());
    Workflow byMessage = new Workflow(Ids.newId(), WorkflowType.RETRAINING, "team", project, "v3", "m", "3", "sam",
        "sam", Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), NOW, null, List.of());
    Workflow recent = new Workflow(Ids.newId(), WorkflowType.REVIEW, "team", project, "v4", "m", "4", "sam", "sam",
        Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), NOW.plusSeconds(60), null, List.of());
    for (Workflow w : List.of(cutShort, answered, byMessage, recent)) {
      workflows.insert(w);
    }
    workflows.setProcessInstanceKey(answered.id(), 7L);
    workflows.launched(byMessage.id());
    List<String> inDoubt = workflows.launchesCutShort(NOW.plusSeconds(30)).stream().map(Workflow::id)
        .filter(id -> List.of(cutShort.id(), answered.id(), byMessage.id(), recent.id()).contains(id)).toList();
    assertEquals(List.of(cutShort.id()), inDoubt, "only the old launch nobody answered");
    workflows.finish(cutShort.id(), Workflow.Status.FAILED, "not-started", NOW.plusSeconds(31));
    assertTrue(workflows.launchesCutShort(NOW.plusSeconds(30)).stream().noneMatch(w -> w.id().equals(cutShort.id())),
        "an ended workflow is no longer in doubt");
  }
}
