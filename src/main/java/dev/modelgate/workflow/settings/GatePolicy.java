package dev.modelgate.workflow.settings;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's gate: what a candidate model version must meet before people review it. Regressions are
 * measured against the baseline in the metric's "worse" direction ({@code lowerIsBetter} flips it).
 *
 * @param minimums candidate value must be at least this, per metric (overall)
 * @param maximums candidate value must be at most this, per metric (overall), e.g. latency
 * @param maxRegression largest allowed drop vs. the baseline, overall, per metric
 * @param maxSegmentRegression largest allowed drop vs. the baseline within each segment, per metric
 * @param fairness largest allowed gap between the best and worst segment for one metric (null: no check)
 * @param requiredSegments segments the candidate must report
 * @param lowerIsBetter metrics where a smaller value is better (loss, error rate, latency)
 */
public record GatePolicy(Map<String, Double> minimums, Map<String, Double> maximums,
    Map<String, Double> maxRegression, Map<String, Double> maxSegmentRegression, Fairness fairness,
    List<String> requiredSegments, Set<String> lowerIsBetter) {

  /** Maximum gap between segments for one metric. */
  public record Fairness(String metric, double maxGap) {}

  public GatePolicy {
    minimums = Map.copyOf(minimums);
    maximums = Map.copyOf(maximums);
    maxRegression = Map.copyOf(maxRegression);
    maxSegmentRegression = Map.copyOf(maxSegmentRegression);
    requiredSegments = List.copyOf(requiredSegments);
    lowerIsBetter = Set.copyOf(lowerIsBetter);
  }

  public static final GatePolicy EMPTY = new GatePolicy(Map.of(), Map.of(), Map.of(), Map.of(), null, List.of(),
      Set.of());

  public boolean lowerIsBetter(String metric) {
    return lowerIsBetter.contains(metric);
  }
}
