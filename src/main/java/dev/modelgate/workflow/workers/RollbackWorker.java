package dev.modelgate.workflow.workers;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
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
import java.util.Optional;

/**
 * {@code rollback}: tells the team's systems to route all traffic back to production (webhook), archives
 * the candidate if it got past {@code none}, and, if it had already replaced production, restores the
 * previous production version. A failed call fails the job: retried, then an incident for a person.
 */
public final class RollbackWorker implements JobHandler {

  private final OutboundStep outbound;
  private final ModelVersionRepository versions;
  private final Stages stages;
  private final WorkflowJournal journal;

  public RollbackWorker(OutboundCall outbound, ModelVersionRepository versions, Stages stages,
      WorkflowJournal journal) {
    this.outbound = new OutboundStep(outbound);
    this.versions = versions;
    this.stages = stages;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "rollback";
  }

  @Override
  public Map<String, Object> handle(JobInput job) throws Exception {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    journal.stopWaiting(w.id(), "deployment-finished");
    journal.stopWaiting(w.id(), "canary-metrics-reported");
    Map<String, Object> payload = new LinkedHashMap<>(OutboundStep.payload(job, w));
    // From the job, or remembered by a promotion step that archived it and then failed or was cut short.
    String previousId = job.string(PromoteToProductionWorker.PREVIOUS)
        .or(() -> w.details().get(PromoteToProductionWorker.PREVIOUS) instanceof String s && !s.isEmpty()
            ? Optional.of(s) : Optional.empty())
        .orElse(null);
    payload.put("restoreVersionId", previousId);
    OutboundCall.Result r = outbound.call(w.team(), "rollback", payload, null);
    ModelVersion candidate = versions.find(w.modelVersionId()).orElseThrow();
    String reason = job.variables().containsKey("canaryChecks") ? "canary rejected" : "deployment failed";
    if (candidate.stage() != Stage.NONE && candidate.stage() != Stage.ARCHIVED) {
      stages.move(candidate.id(), EnumSet.of(Stage.STAGING, Stage.CANARY, Stage.PRODUCTION), Stage.ARCHIVED,
          w.startedBy(), w.id(), "rolled back: " + reason);
    }
    if (previousId != null) {
      stages.restore(previousId, w.startedBy(), w.id(), "restored by rollback of " + w.version());
    }
    journal.done(job, "Roll back", started, reason + "; " + r.note());
    return Map.of();
  }
}
