package dev.modelgate.workflow;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** Stage moves made by workflows, always through {@link ModelVersionRepository#changeStage}. */
public final class Stages {

  private final ModelVersionRepository versions;
  private final Clock clock;

  public Stages(ModelVersionRepository versions, Clock clock) {
    this.versions = versions;
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
        return;
      }
    }
    throw new IllegalStateException("model version " + versionId + " changed stage concurrently");
  }
}
