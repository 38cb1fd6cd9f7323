package dev.modelgate.workflow;

import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage moves made by workflows, always through {@link ModelVersionRepository#changeStage}. Moves into
 * production hold the model's {@link ProductionLock}, so a model never has two production versions.
 */
public final class Stages {

  private final ModelVersionRepository versions;
  private final ProductionLock productionLock;
  private final AuditTrail audit;
  private final Clock clock;

  public Stages(ModelVersionRepository versions, ProductionLock productionLock, AuditTrail audit, Clock clock) {
    this.versions = versions;
    this.productionLock = productionLock;
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

  /**
   * Makes the candidate the model's production version: archives whatever version of the model is in
   * production, then moves the candidate in, all under the model's production lock. Safe to repeat: a
   * retried step whose workflow already moved the candidate in changes nothing, even if a later promotion
   * has replaced it since. Returns the ids of the archived versions.
   */
  public List<String> promote(ModelVersion candidate, Set<Stage> from, String by, String workflowId, String note) {
    productionLock.acquire(candidate.projectId(), candidate.model(), workflowId);
    try {
      // A step repeated after a crash that came once the candidate was in: its promotion is done, and what
      // happened since (a later promotion replacing it) is not undone.
      ModelVersion now = versions.find(candidate.id()).orElseThrow();
      if (now.stageHistory().stream().anyMatch(c -> c.stage() == Stage.PRODUCTION
          && workflowId.equals(c.workflowId()))) {
        return List.of();
      }
      List<String> archived = new ArrayList<>();
      for (ModelVersion p : versions.allInStage(candidate.projectId(), candidate.model(), Stage.PRODUCTION)) {
        if (!p.id().equals(candidate.id())) {
          move(p.id(), EnumSet.of(Stage.PRODUCTION), Stage.ARCHIVED, by, workflowId, "replaced by "
              + candidate.version());
          archived.add(p.id());
        }
      }
      move(candidate.id(), from, Stage.PRODUCTION, by, workflowId, note);
      return archived;
    } finally {
      productionLock.release(candidate.projectId(), candidate.model(), workflowId);
    }
  }

  /**
   * Puts back into production a version this workflow archived (its last stage change is this workflow's
   * archiving), unless another version of the model serves production meanwhile; under the model's lock.
   * True when the version is in production afterwards.
   */
  public boolean restore(String versionId, String by, String workflowId, String note) {
    ModelVersion v = versions.find(versionId).orElseThrow(() -> new IllegalStateException(
        "model version " + versionId + " is gone"));
    productionLock.acquire(v.projectId(), v.model(), workflowId);
    try {
      v = versions.find(versionId).orElseThrow();
      if (v.stage() == Stage.PRODUCTION) {
        return true;
      }
      List<ModelVersion.StageChange> h = v.stageHistory();
      boolean archivedByThis = v.stage() == Stage.ARCHIVED && !h.isEmpty()
          && workflowId.equals(h.get(h.size() - 1).workflowId());
      if (!archivedByThis || !versions.allInStage(v.projectId(), v.model(), Stage.PRODUCTION).isEmpty()) {
        return false;
      }
      move(versionId, EnumSet.of(Stage.ARCHIVED), Stage.PRODUCTION, by, workflowId, note);
      return true;
    } finally {
      productionLock.release(v.projectId(), v.model(), workflowId);
    }
  }
}
