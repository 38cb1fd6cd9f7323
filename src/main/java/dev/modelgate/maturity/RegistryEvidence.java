package dev.modelgate.maturity;

import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.VersionCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence from the model registry: lineage run ids (experiment tracking), lineage with dataset version
 * and commit (reproducibility), per-segment metrics against a baseline (validation). Reads the project's
 * all-time {@link VersionCounts} (one lookup, however many versions it registered).
 */
public final class RegistryEvidence implements MaturityEvidence {

  private final Registry registry;

  public RegistryEvidence(Registry registry) {
    this.registry = registry;
  }

  @Override
  public List<Suggestion> suggest(Project project) {
    VersionCounts c = registry.versionCounts(project);
    List<Suggestion> out = new ArrayList<>();
    long n = c.registered();
    if (n == 0) {
      return out;
    }
    if (c.withRunId() == n) {
      out.add(new Suggestion("experiment-records", "tracker",
          "all " + n + " registered model versions carry an experiment-tracker run id"));
    }
    if (c.withFullLineage() == n) {
      out.add(new Suggestion("reproducibility", "versioned",
          "all " + n + " model versions record run id, dataset version and code commit"));
    }
    if (c.withSegmentsAndBaseline() > 0) {
      out.add(new Suggestion("offline-validation", "segment-gate", c.withSegmentsAndBaseline() + " of " + n
          + " model versions have per-segment metrics and a baseline to be compared with"));
    } else if (c.withBaseline() > 0) {
      out.add(new Suggestion("offline-validation", "baseline-gate", c.withBaseline() + " of " + n
          + " model versions name the baseline they are compared with"));
    }
    return out;
  }
}
