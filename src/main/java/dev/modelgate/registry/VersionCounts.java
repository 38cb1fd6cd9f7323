package dev.modelgate.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many of a project's registered model versions carry each piece of record-keeping: an experiment
 * run id, full lineage (run id, dataset version and code commit), a baseline, per-segment metrics with a
 * baseline. Kept per project as versions are registered (they never change these fields afterwards).
 */
public record VersionCounts(long registered, long withRunId, long withFullLineage, long withBaseline,
    long withSegmentsAndBaseline) {

  static final String REGISTERED = "registered";
  static final String RUN_ID = "run-id";
  static final String FULL_LINEAGE = "full-lineage";
  static final String BASELINE = "baseline";
  static final String SEGMENTS_AND_BASELINE = "segments-and-baseline";

  /** The counts a version adds to. */
  static List<String> traits(ModelVersion v) {
    List<String> out = new ArrayList<>(List.of(REGISTERED));
    ModelVersion.Lineage l = v.lineage();
    if (l != null && l.runId() != null) {
      out.add(RUN_ID);
      if (l.datasetVersion() != null && l.commit() != null) {
        out.add(FULL_LINEAGE);
      }
    }
    if (v.baselineVersionId() != null) {
      out.add(BASELINE);
      if (!v.segments().isEmpty()) {
        out.add(SEGMENTS_AND_BASELINE);
      }
    }
    return out;
  }

  static VersionCounts of(Map<String, Long> byName) {
    return new VersionCounts(byName.getOrDefault(REGISTERED, 0L), byName.getOrDefault(RUN_ID, 0L),
        byName.getOrDefault(FULL_LINEAGE, 0L), byName.getOrDefault(BASELINE, 0L),
        byName.getOrDefault(SEGMENTS_AND_BASELINE, 0L));
  }
}
