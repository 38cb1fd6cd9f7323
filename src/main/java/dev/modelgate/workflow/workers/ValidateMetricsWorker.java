package dev.modelgate.workflow.workers;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.gate.Gate;
import dev.modelgate.workflow.gate.GateReport;
import dev.modelgate.workflow.settings.GatePolicy;
import dev.modelgate.workflow.settings.SettingsRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code validate-metrics}: the gate. Candidate vs. its baseline (the named one, else the model's
 * current production version) under the team's policy from the {@code gatePolicy} variable; stores the
 * report with the version and sets {@code gatePassed} and {@code gateFailures} for the gateway.
 */
public final class ValidateMetricsWorker implements JobHandler {

  private final ModelVersionRepository versions;
  private final WorkflowJournal journal;

  public ValidateMetricsWorker(ModelVersionRepository versions, WorkflowJournal journal) {
    this.versions = versions;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "validate-metrics";
  }

  @Override
  public Map<String, Object> handle(JobInput job) {
    Instant started = journal.now();
    journal.workflow(job);
    ModelVersion candidate = versions.find(job.requiredString("modelVersionId")).orElseThrow();
    Optional<ModelVersion> baseline = candidate.baselineVersionId() != null
        ? versions.find(candidate.baselineVersionId())
        : versions.findInStage(candidate.projectId(), candidate.model(), Stage.PRODUCTION)
            .filter(p -> !p.id().equals(candidate.id()));
    GatePolicy policy = policy(job.variables().get("gatePolicy"));
    GateReport report = Gate.evaluate(policy, candidate, baseline, started);
    Map<String, Object> stored = report.toMap();
    stored.put("workflowId", job.workflowId());
    versions.setGateReport(candidate.id(), stored);
    String note = report.passed()
        ? "gate passed (" + report.checks().size() + " checks" + baseline.map(b -> " vs. " + b.version()).orElse("")
            + ")"
        : "gate failed: " + String.join("; ", report.failureSummary());
    journal.done(job, "Validate metrics", started, note);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("gatePassed", report.passed());
    vars.put("gateFailures", report.failureSummary());
    vars.put("baselineVersionId", report.baselineVersionId());
    return vars;
  }

  /** The policy variable is the settings' JSON form; parsing it again also re-validates it. */
  static GatePolicy policy(Object variable) {
    if (!(variable instanceof Map<?, ?> m)) {
      return GatePolicy.EMPTY;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> gate = new LinkedHashMap<>((Map<String, Object>) m);
    gate.values().removeIf(v -> v == null);
    return SettingsRequest.parse(new JsonObject().put("gate", new JsonObject(gate))).gate();
  }
}
