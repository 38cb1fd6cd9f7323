package dev.modelgate.workflow.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Stage;
import dev.modelgate.workflow.gate.GateCheck.Kind;
import dev.modelgate.workflow.settings.GatePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateTest {

  static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  static ModelVersion version(String id, Map<String, Double> metrics, ModelVersion.Segment... segments) {
    return new ModelVersion(id, "p", "t", "m", id, metrics, List.of(segments), null, null, Stage.NONE, List.of(),
        "sam", AT, null);
  }

  static ModelVersion.Segment seg(String name, double auc) {
    return new ModelVersion.Segment(name, Map.of("auc", auc));
  }

  static GatePolicy policy(Map<String, Double> min, Map<String, Double> reg, Map<String, Double> segReg,
      GatePolicy.Fairness fairness, List<String> required, Set<String> lower) {
    return new GatePolicy(min, Map.of(), reg, segReg, fairness, required, lower);
  }

  final ModelVersion baseline = version("base", Map.of("auc", 0.80, "logloss", 0.40), seg("eu", 0.80),
      seg("us", 0.79));

  @Test
  void goodCandidatePassesEveryCheck() {
    ModelVersion cand = version("cand", Map.of("auc", 0.82, "logloss", 0.38), seg("eu", 0.81), seg("us", 0.80));
    GatePolicy p = policy(Map.of("auc", 0.75), Map.of("auc", 0.01, "logloss", 0.01), Map.of("auc", 0.02),
        new GatePolicy.Fairness("auc", 0.05), List.of("eu"), Set.of("logloss"));
    GateReport r = Gate.evaluate(p, cand, Optional.of(baseline), AT);
    assertTrue(r.passed(), () -> r.failureSummary().toString());
    assertEquals("base", r.baselineVersionId());
    // minimum, 2 overall regressions, 2 segment regressions, fairness, required segment
    assertEquals(7, r.checks().size(), r.checks()::toString);
  }

  @Test
  void regressionInOneSegmentFailsNamingTheSegment() {
    ModelVersion cand = version("cand", Map.of("auc", 0.81), seg("eu", 0.81), seg("us", 0.70));
    GatePolicy p = policy(Map.of(), Map.of("auc", 0.01), Map.of("auc", 0.02), null, List.of(), Set.of());
    GateReport r = Gate.evaluate(p, cand, Optional.of(baseline), AT);
    assertFalse(r.passed());
    assertEquals(1, r.failures().size());
    GateCheck f = r.failures().getFirst();
    assertEquals(Kind.SEGMENT_REGRESSION, f.kind());
    assertEquals("us", f.segment());
    assertEquals(0.70, f.candidate());
    assertEquals(0.79, f.baseline());
    assertEquals(0.02, f.threshold());
    assertTrue(f.detail().contains("'us'"), f.detail());
  }

  @Test
  void regressionOfExactlyTheThresholdPasses() {
    ModelVersion cand = version("cand", Map.of("auc", 0.79));
    GatePolicy p = policy(Map.of(), Map.of("auc", 0.01), Map.of(), null, List.of(), Set.of());
    GateReport r = Gate.evaluate(p, cand, Optional.of(version("b", Map.of("auc", 0.80))), AT);
    assertTrue(r.passed(), () -> r.failureSummary().toString());
  }

  @Test
  void lowerIsBetterFlipsTheDirection() {
    ModelVersion cand = version("cand", Map.of("logloss", 0.45));
    ModelVersion base = version("b", Map.of("logloss", 0.40));
    GatePolicy p = policy(Map.of(), Map.of("logloss", 0.01), Map.of(), null, List.of(), Set.of("logloss"));
    GateReport worse = Gate.evaluate(p, cand, Optional.of(base), AT);
    assertFalse(worse.passed());
    GatePolicy higher = policy(Map.of(), Map.of("logloss", 0.01), Map.of(), null, List.of(), Set.of());
    assertTrue(Gate.evaluate(higher, cand, Optional.of(base), AT).passed());
  }

  @Test
  void minimumAndMaximumAndMissingMetric() {
    ModelVersion cand = version("cand", Map.of("auc", 0.70, "latency", 60.0));
    GatePolicy p = new GatePolicy(Map.of("auc", 0.75, "f1", 0.5), Map.of("latency", 50.0), Map.of(), Map.of(), null,
        List.of(), Set.of());
    GateReport r = Gate.evaluate(p, cand, Optional.empty(), AT);
    assertEquals(3, r.failures().size(), r.failures()::toString);
    assertTrue(r.failureSummary().stream().anyMatch(s -> s.contains("'f1' is missing")));
    assertTrue(r.checks().stream().anyMatch(c -> c.kind() == Kind.BASELINE && c.passed()));
    assertNull(r.baselineVersionId());
  }

  @Test
  void segmentOfTheBaselineMissingAndRequiredSegmentMissing() {
    ModelVersion cand = version("cand", Map.of("auc", 0.81), seg("eu", 0.81));
    GatePolicy p = policy(Map.of(), Map.of(), Map.of("auc", 0.02), null, List.of("apac"), Set.of());
    GateReport r = Gate.evaluate(p, cand, Optional.of(baseline), AT);
    List<GateCheck> f = r.failures();
    assertEquals(2, f.size(), f::toString);
    assertTrue(f.stream().anyMatch(c -> c.kind() == Kind.MISSING_SEGMENT && c.segment().equals("us")));
    assertTrue(f.stream().anyMatch(c -> c.kind() == Kind.REQUIRED_SEGMENT && c.segment().equals("apac")));
  }

  @Test
  void fairnessGapNamesTheWorstSegment() {
    ModelVersion cand = version("cand", Map.of("auc", 0.81), seg("eu", 0.85), seg("us", 0.84), seg("latam", 0.74));
    GatePolicy p = policy(Map.of(), Map.of(), Map.of(), new GatePolicy.Fairness("auc", 0.05), List.of(), Set.of());
    GateReport r = Gate.evaluate(p, cand, Optional.empty(), AT);
    GateCheck f = r.failures().getFirst();
    assertEquals(Kind.FAIRNESS_GAP, f.kind());
    assertEquals("latam", f.segment());
    assertEquals(0.11, f.candidate(), 1e-9);
  }

  @Test
  void reportRendersEveryCheck() {
    ModelVersion cand = version("cand", Map.of("auc", 0.70));
    GatePolicy p = policy(Map.of("auc", 0.75), Map.of(), Map.of(), null, List.of(), Set.of());
    Map<String, Object> m = Gate.evaluate(p, cand, Optional.empty(), AT).toMap();
    assertEquals(false, m.get("passed"));
    assertEquals(1, m.get("failed"));
    assertEquals(2, ((List<?>) m.get("checks")).size());
  }
}
