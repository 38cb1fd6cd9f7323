package dev.modelgate.maturity;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evidence from the model registry: lineage run ids (experiment tracking), lineage with dataset version
 * and commit (reproducibility), per-segment metrics against a baseline (validation). Looks at the
 * project's first {@value #MAX_VERSIONS} versions.
 */
public final class RegistryEvidence implements MaturityEvidence {

  static final int MAX_VERSIONS = 1000;

  private final Registry registry;

  public RegistryEvidence(Registry registry) {
    this.registry = registry;
  }

  @Override
  public List<Suggestion> suggest(Project project) {
    List<ModelVersion> versions = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (versions.size() < MAX_VERSIONS) {
      Page<ModelVersion> page = registry.versions(project, Optional.empty(), new PageRequest(PageRequest.MAX_LIMIT, after));
      versions.addAll(page.items());
      if (page.next() == null) {
        break;
      }
      after = Optional.of(page.next());
    }
    List<Suggestion> out = new ArrayList<>();
    if (versions.isEmpty()) {
      return out;
    }
    int n = versions.size();
    long withRun = versions.stream().filter(v -> v.lineage() != null && v.lineage().runId() != null).count();
    long fullLineage = versions.stream().filter(v -> v.lineage() != null && v.lineage().runId() != null
        && v.lineage().datasetVersion() != null && v.lineage().commit() != null).count();
    long segmented = versions.stream().filter(v -> !v.segments().isEmpty() && v.baselineVersionId() != null).count();
    long withBaseline = versions.stream().filter(v -> v.baselineVersionId() != null).count();
    if (withRun == n) {
      out.add(new Suggestion("experiment-records", "tracker",
          "all " + n + " registered model versions carry an experiment-tracker run id"));
    }
    if (fullLineage == n) {
      out.add(new Suggestion("reproducibility", "versioned",
          "all " + n + " model versions record run id, dataset version and code commit"));
    }
    if (segmented > 0) {
      out.add(new Suggestion("offline-validation", "segment-gate", segmented + " of " + n
          + " model versions have per-segment metrics and a baseline to be compared with"));
    } else if (withBaseline > 0) {
      out.add(new Suggestion("offline-validation", "baseline-gate", withBaseline + " of " + n
          + " model versions name the baseline they are compared with"));
    }
    return out;
  }
}
