package dev.modelgate.workflow.workers;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.workflow.Approval;
import dev.modelgate.workflow.ApprovalRepository;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code collect-evidence}: gate verdict, review decisions and the model card (lineage) for the officers. */
public final class CollectEvidenceWorker implements JobHandler {

  private final ModelVersionRepository versions;
  private final ApprovalRepository approvals;
  private final WorkflowJournal journal;

  public CollectEvidenceWorker(ModelVersionRepository versions, ApprovalRepository approvals,
      WorkflowJournal journal) {
    this.versions = versions;
    this.approvals = approvals;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "collect-evidence";
  }

  @Override
  public Map<String, Object> handle(JobInput job) {
    Instant started = journal.now();
    journal.workflow(job);
    ModelVersion v = versions.find(job.requiredString("modelVersionId")).orElseThrow();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("gatePassed", v.gateReport() == null ? null : v.gateReport().get("passed"));
    List<Object> reviews = new ArrayList<>();
    for (Approval a : approvals.listByModelVersion(v.id())) {
      reviews.add(Map.of("step", a.step(), "decidedBy", a.decidedBy(), "decision", a.decision(), "approvalId", a.id()));
    }
    evidence.put("reviews", reviews);
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("model", v.model());
    card.put("version", v.version());
    card.put("metrics", v.metrics());
    if (v.lineage() != null) {
      card.put("runUri", v.lineage().runUri());
      card.put("datasetVersion", v.lineage().datasetVersion());
      card.put("commit", v.lineage().commit());
    }
    evidence.put("modelCard", card);
    journal.done(job, "Collect evidence", started, (v.gateReport() == null ? "no gate report yet"
        : "gate " + (Boolean.TRUE.equals(v.gateReport().get("passed")) ? "passed" : "failed")) + ", "
        + reviews.size() + " earlier decisions");
    return Map.of("evidence", evidence);
  }
}
