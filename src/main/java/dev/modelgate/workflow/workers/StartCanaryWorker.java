package dev.modelgate.workflow.workers;

import dev.modelgate.registry.Stage;
import dev.modelgate.workflow.Stages;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.outbound.OutboundCall;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code start-canary}: asks the team's traffic router to split traffic (A/B) between production and
 * the candidate, moves the candidate to {@code canary}, and waits for online metrics or the window.
 */
public final class StartCanaryWorker implements JobHandler {

  private final OutboundStep outbound;
  private final Stages stages;
  private final WorkflowJournal journal;

  public StartCanaryWorker(OutboundCall outbound, Stages stages, WorkflowJournal journal) {
    this.outbound = new OutboundStep(outbound);
    this.stages = stages;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "start-canary";
  }

  @Override
  public Map<String, Object> handle(JobInput job) throws Exception {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    String waitsFor = job.header("waitsFor").orElse("canary-metrics-reported");
    journal.waitForMessage(job, waitsFor);
    Map<String, Object> payload = new LinkedHashMap<>(OutboundStep.payload(job, w));
    payload.put("observationWindow", job.string("canaryWindow").orElse(null));
    OutboundCall.Result r;
    try {
      r = outbound.call(w.team(), "start-canary", payload, OutboundStep.DEPLOYMENT_FAILED);
    } catch (RuntimeException e) {
      journal.stopWaiting(w.id(), waitsFor);
      journal.done(job, "Start canary", started, e.getMessage());
      throw e;
    }
    stages.move(w.modelVersionId(), EnumSet.of(Stage.STAGING), Stage.CANARY, w.startedBy(), w.id(),
        "canary started (observation window " + job.string("canaryWindow").orElse("?") + ")");
    journal.done(job, "Start canary", started, r.note());
    return Map.of();
  }
}
