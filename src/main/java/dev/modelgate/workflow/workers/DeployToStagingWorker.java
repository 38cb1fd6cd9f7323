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
import java.util.Map;

/**
 * {@code deploy-to-staging}: asks the team's deployment system (webhook) to deploy the version to
 * staging, moves it to stage {@code staging}, and waits for {@code deployment-finished}. A failed call is
 * the BPMN error {@code deployment-failed}, which the model routes to rollback.
 */
public final class DeployToStagingWorker implements JobHandler {

  private final OutboundStep outbound;
  private final Stages stages;
  private final WorkflowJournal journal;

  public DeployToStagingWorker(OutboundCall outbound, Stages stages, WorkflowJournal journal) {
    this.outbound = new OutboundStep(outbound);
    this.stages = stages;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "deploy-to-staging";
  }

  @Override
  public Map<String, Object> handle(JobInput job) throws Exception {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    // Waiting is announced before the call, so a fast deployment system's answer is never refused.
    journal.waitForMessage(job, job.header("waitsFor").orElse("deployment-finished"));
    OutboundCall.Result r;
    try {
      r = outbound.call(w.team(), "deploy-to-staging", OutboundStep.payload(job, w), OutboundStep.DEPLOYMENT_FAILED);
    } catch (RuntimeException e) {
      journal.stopWaiting(w.id(), job.header("waitsFor").orElse("deployment-finished"));
      journal.done(job, "Deploy to staging", started, e.getMessage());
      throw e;
    }
    stages.move(w.modelVersionId(), EnumSet.of(Stage.NONE), Stage.STAGING, w.startedBy(), w.id(),
        "deployed to staging");
    journal.done(job, "Deploy to staging", started, r.note());
    return Map.of();
  }
}
