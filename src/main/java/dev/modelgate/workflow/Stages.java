package dev.modelgate.workflow;

import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Stage moves made by workflows, always through {@link ModelVersionRepository#changeStage}. */
public final class Stages {

  private final ModelVersionRepository versions;
  private final AuditTrail audit;
  private final Clock clock;

  public Stages(ModelVersionRepository versions, AuditTrail audit, Clock clock) {
    this.versions = versions;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Moves the version to {@code to} if it is in one of {@code from}; does nothing if it is already in
   * {@code to} (a retried job). Throws when the version is elsewhere.
   */
  public void move(String versionId, Set<Stage> from, Stage to, String by, String workflowId, String note) {
    for (int attempt = 0; attempt < 3; attempt++) {
      ModelVersion v = versions.find(versionId).orElseThrow(() -> new IllegalStateException(
          "model version " + versionId + " is gone"));
      if (v.stage() == to) {
        return;
      }
      if (!from.contains(v.stage())) {
        throw new IllegalStateException("model version " + versionId + " is " + v.stage().id() + ", cannot move to "
            + to.id() + " (expected " + from + ")");
      }
      if (versions.changeStage(versionId, v.stage(),
          new ModelVersion.StageChange(to, Instant.now(clock), by, workflowId, note))) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", v.stage().id());
        details.put("to", to.id());
        details.put("workflowId", workflowId == null ? "" : workflowId);
        if (note != null) {
          details.put("note", note);
        }
        audit.record(new AuditEvent(by == null ? "system" : by, "model-version.stage-changed", v.team(),
            "model-version", versionId, details));
        return;
      }
    }
    throw new IllegalStateException("model version " + versionId + " changed stage concurrently");
  }
}
