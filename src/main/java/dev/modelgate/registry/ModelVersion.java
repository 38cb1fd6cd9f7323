package dev.modelgate.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model: its offline metrics overall and per segment, where it came from
 * (lineage), the baseline it is judged against, and its stage with the full history of stage changes.
 * {@code gateReport} is the latest gate report of a review workflow (null until one ran), as plain
 * JSON-able maps so the registry does not depend on the workflow feature that writes it.
 */
public record ModelVersion(String id, String projectId, String team, String model, String version,
    Map<String, Double> metrics, List<Segment> segments, Lineage lineage, String baselineVersionId, Stage stage,
    List<StageChange> stageHistory, String submittedBy, Instant createdAt, Map<String, Object> gateReport) {

  /** Metrics of one market segment or user group, for the per-segment and fairness checks. */
  public record Segment(String name, Map<String, Double> metrics) {}

  /** Experiment-tracker metadata that makes a promotion or rollback reproducible. */
  public record Lineage(String runId, String runUri, String datasetVersion, String commit,
      Map<String, Object> params) {}

  /** One stage change: to which stage, when, by whom, through which workflow, and why. */
  public record StageChange(Stage stage, Instant at, String by, String workflowId, String note) {}
}
