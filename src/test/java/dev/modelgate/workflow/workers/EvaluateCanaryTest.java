package dev.modelgate.workflow.workers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluateCanaryTest {

  @Test
  void withinTheLimitPasses() {
    assertTrue(EvaluateCanaryWorker.evaluate(Map.of("auc", 0.81), Map.of("auc", 0.82), Map.of("auc", 0.02), Set.of())
        .passed());
  }

  @Test
  void regressionBeyondTheLimitFails() {
    var v = EvaluateCanaryWorker.evaluate(Map.of("auc", 0.70), Map.of("auc", 0.80), Map.of("auc", 0.02), Set.of());
    assertFalse(v.passed());
    assertTrue(v.checks().getFirst().contains("regression 0.1"), v.checks()::toString);
  }

  @Test
  void lowerIsBetterAndMissingMetric() {
    assertFalse(EvaluateCanaryWorker.evaluate(Map.of("latency", 60.0), Map.of("latency", 40.0),
        Map.of("latency", 5.0), Set.of("latency")).passed());
    assertFalse(EvaluateCanaryWorker.evaluate(Map.of(), Map.of("auc", 0.8), Map.of("auc", 0.02), Set.of()).passed());
  }
}
