package dev.modelgate.workflow.workers;

import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.outbound.OutboundCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code trigger-retraining}: starts the team's training pipeline (webhook) with the drift report and
 * waits for {@code retraining-finished}. A failed call fails the job (retries, then an incident).
 */
public final class TriggerRetrainingWorker implements JobHandler {

  private final OutboundStep outbound;
  private final WorkflowJournal journal;

  public TriggerRetrainingWorker(OutboundCall outbound, WorkflowJournal journal) {
    this.outbound = new OutboundStep(outbound);
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "trigger-retraining";
  }

  @Override
  public Map<String, Object> handle(JobInput job) throws Exception {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    String waitsFor = job.header("waitsFor").orElse("retraining-finished");
    journal.waitForMessage(job, waitsFor);
    Map<String, Object> payload = new LinkedHashMap<>(OutboundStep.payload(job, w));
    payload.put("drift", job.variables().get("drift"));
    OutboundCall.Result r;
    try {
      r = outbound.call(w.team(), "trigger-retraining", payload, null);
    } catch (OutboundCall.Failure e) {
      journal.stopWaiting(w.id(), waitsFor);
      journal.done(job, "Trigger retraining", started, e.getMessage());
      throw e;
    }
    journal.done(job, "Trigger retraining", started, r.note());
    return Map.of();
  }
}
