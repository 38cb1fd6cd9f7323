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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code promote-to-production}: switches all traffic to the candidate (webhook), archives the previous
 * production version and moves the candidate to {@code production}. The previous version's id is kept
 * in {@code previousProductionVersionId} so a rollback can restore it.
 */
public final class PromoteToProductionWorker implements JobHandler {

  /** Job variable and workflow detail: the production version this promotion replaced. */
  public static final String PREVIOUS = "previousProductionVersionId";

  private final OutboundStep outbound;
  private final ModelVersionRepository versions;
  private final Stages stages;
  private final WorkflowJournal journal;

  public PromoteToProductionWorker(OutboundCall outbound, ModelVersionRepository versions, Stages stages,
      WorkflowJournal journal) {
    this.outbound = new OutboundStep(outbound);
    this.versions = versions;
    this.stages = stages;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "promote-to-production";
  }

  @Override
  public Map<String, Object> handle(JobInput job) throws Exception {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    // The version this step replaces, remembered before anything moves: a run repeated after a crash that
    // archived it already still knows it (the rollback restores it, the webhook is told the same).
    Optional<ModelVersion> previous;
    if (w.details().get(PREVIOUS) instanceof String remembered) {
      previous = remembered.isEmpty() ? Optional.empty() : versions.find(remembered);
    } else {
      previous = versions.findInStage(w.projectId(), w.model(), Stage.PRODUCTION)
          .filter(p -> !p.id().equals(w.modelVersionId()));
      journal.setDetail(w.id(), PREVIOUS, previous.map(ModelVersion::id).orElse(""));
    }
    Map<String, Object> payload = new LinkedHashMap<>(OutboundStep.payload(job, w));
    payload.put("previousProductionVersionId", previous.map(ModelVersion::id).orElse(null));
    OutboundCall.Result r = outbound.call(w.team(), "promote-to-production", payload,
        OutboundStep.DEPLOYMENT_FAILED);
    ModelVersion candidate = versions.find(w.modelVersionId()).orElseThrow();
    List<String> archived = stages.promote(candidate, EnumSet.of(Stage.CANARY), w.startedBy(), w.id(),
        "promoted" + previous.map(p -> ", replacing " + p.version()).orElse(""));
    String replaced = archived.isEmpty() ? previous.map(ModelVersion::id).orElse(null) : archived.get(0);
    journal.done(job, "Promote to production", started, r.note()
        + (replaced == null ? "" : "; archived " + versions.find(replaced).map(ModelVersion::version).orElse(replaced)));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(PREVIOUS, replaced);
    return vars;
  }
}
