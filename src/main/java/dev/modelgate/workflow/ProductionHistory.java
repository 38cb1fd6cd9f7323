package dev.modelgate.workflow;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which version of a model was in production when, who put it there and who approved it: derived from
 * the versions' stage histories and the approvals kept in the workflows named in them.
 */
public final class ProductionHistory {

  /** One stretch of time a version served production ({@code to} null: still does). */
  public record Period(String modelVersionId, String version, Instant from, Instant to, String promotedBy,
      String workflowId, String note, List<Approval> approvals) {

    boolean covers(Instant at) {
      return !at.isBefore(from) && (to == null || at.isBefore(to));
    }
  }

  private final ModelVersionRepository versions;
  private final WorkflowRepository workflows;

  public ProductionHistory(ModelVersionRepository versions, WorkflowRepository workflows) {
    this.versions = versions;
    this.workflows = workflows;
  }

  public List<Period> periods(String projectId, String model, Optional<Instant> at) {
    List<Period> out = new ArrayList<>();
    for (ModelVersion v : versions.listByModel(projectId, model)) {
      List<ModelVersion.StageChange> h = v.stageHistory();
      for (int i = 0; i < h.size(); i++) {
        ModelVersion.StageChange c = h.get(i);
        if (c.stage() != Stage.PRODUCTION) {
          continue;
        }
        Instant to = i + 1 < h.size() ? h.get(i + 1).at() : null;
        // The workflow document carries its approvals: one lookup by id.
        List<Approval> approved = c.workflowId() == null ? List.of()
            : workflows.find(c.workflowId()).map(Workflow::approvals).orElse(List.of());
        out.add(new Period(v.id(), v.version(), c.at(), to, c.by(), c.workflowId(), c.note(), approved));
      }
    }
    out.sort(Comparator.comparing(Period::from));
    return at.map(instant -> out.stream().filter(p -> p.covers(instant)).toList()).orElse(out);
  }
}
