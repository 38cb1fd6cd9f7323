package dev.modelgate.workflow.gate;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.workflow.gate.GateCheck.Kind;
import dev.modelgate.workflow.settings.GatePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The offline gate: compares a candidate with its baseline under a team's {@link GatePolicy}, overall
 * and per segment. Pure: no store, no clock of its own; the caller finds the baseline.
 */
public final class Gate {

  /** Tolerance for comparisons of decimal thresholds (0.8 - 0.79 is not exactly 0.01). */
  private static final double EPSILON = 1e-9;

  private Gate() {}

  public static GateReport evaluate(GatePolicy policy, ModelVersion candidate, Optional<ModelVersion> baseline,
      Instant at) {
    List<GateCheck> checks = new ArrayList<>();
    absolute(policy, candidate, checks);
    Map<String, Map<String, Double>> candSegments = segments(candidate);
    for (String required : policy.requiredSegments()) {
      boolean present = candSegments.containsKey(required);
      checks.add(new GateCheck(Kind.REQUIRED_SEGMENT, null, required, null, null, null, present,
          present ? "required segment '" + required + "' is reported"
              : "required segment '" + required + "' is missing in the candidate"));
    }
    if (baseline.isEmpty()) {
      checks.add(new GateCheck(Kind.BASELINE, null, null, null, null, null, true,
          "no baseline (no production version of this model): regression checks skipped"));
    } else {
      regression(policy, candidate, baseline.get(), candSegments, checks);
    }
    fairness(policy, candSegments, checks);
    return new GateReport(candidate.id(), baseline.map(ModelVersion::id).orElse(null), checks, at);
  }

  private static void absolute(GatePolicy policy, ModelVersion candidate, List<GateCheck> checks) {
    policy.minimums().forEach((metric, min) -> {
      Double v = candidate.metrics().get(metric);
      boolean ok = v != null && v >= min - EPSILON;
      checks.add(new GateCheck(Kind.MINIMUM, metric, null, v, null, min, ok, v == null
          ? "metric '" + metric + "' is missing in the candidate (minimum " + fmt(min) + ")"
          : metric + " = " + fmt(v) + (ok ? " meets" : " is below") + " the minimum " + fmt(min)));
    });
    policy.maximums().forEach((metric, max) -> {
      Double v = candidate.metrics().get(metric);
      boolean ok = v != null && v <= max + EPSILON;
      checks.add(new GateCheck(Kind.MAXIMUM, metric, null, v, null, max, ok, v == null
          ? "metric '" + metric + "' is missing in the candidate (maximum " + fmt(max) + ")"
          : metric + " = " + fmt(v) + (ok ? " is within" : " exceeds") + " the maximum " + fmt(max)));
    });
  }

  private static void regression(GatePolicy policy, ModelVersion candidate, ModelVersion baseline,
      Map<String, Map<String, Double>> candSegments, List<GateCheck> checks) {
    policy.maxRegression().forEach((metric, max) ->
        checks.add(compare(policy, Kind.REGRESSION, metric, null, candidate.metrics().get(metric),
            baseline.metrics().get(metric), max)));
    for (ModelVersion.Segment segment : baseline.segments()) {
      Map<String, Double> cand = candSegments.get(segment.name());
      if (cand == null) {
        checks.add(new GateCheck(Kind.MISSING_SEGMENT, null, segment.name(), null, null, null, false,
            "segment '" + segment.name() + "' of the baseline is missing in the candidate"));
        continue;
      }
      policy.maxSegmentRegression().forEach((metric, max) -> {
        if (segment.metrics().containsKey(metric)) {
          checks.add(compare(policy, Kind.SEGMENT_REGRESSION, metric, segment.name(), cand.get(metric),
              segment.metrics().get(metric), max));
        }
      });
    }
  }

  private static GateCheck compare(GatePolicy policy, Kind kind, String metric, String segment, Double cand,
      Double base, double max) {
    String where = segment == null ? "overall" : "in segment '" + segment + "'";
    if (base == null) {
      return new GateCheck(kind, metric, segment, cand, null, max, true,
          metric + " " + where + ": the baseline has no value, nothing to compare");
    }
    if (cand == null) {
      return new GateCheck(kind, metric, segment, null, base, max, false,
          metric + " " + where + " is missing in the candidate (baseline " + fmt(base) + ")");
    }
    double drop = policy.lowerIsBetter(metric) ? cand - base : base - cand;
    boolean ok = drop <= max + EPSILON;
    String text = metric + " " + where + ": " + fmt(cand) + " vs. baseline " + fmt(base)
        + (drop > 0 ? " (regression " + fmt(drop) + (ok ? " within " : " exceeds ") + fmt(max) + ")"
            : " (no regression)");
    return new GateCheck(kind, metric, segment, cand, base, max, ok, text);
  }

  private static void fairness(GatePolicy policy, Map<String, Map<String, Double>> candSegments,
      List<GateCheck> checks) {
    GatePolicy.Fairness f = policy.fairness();
    if (f == null) {
      return;
    }
    String best = null;
    String worst = null;
    double hi = Double.NEGATIVE_INFINITY;
    double lo = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, Map<String, Double>> e : candSegments.entrySet()) {
      Double v = e.getValue().get(f.metric());
      if (v == null) {
        continue;
      }
      if (v > hi) {
        hi = v;
        best = e.getKey();
      }
      if (v < lo) {
        lo = v;
        worst = e.getKey();
      }
    }
    if (best == null || best.equals(worst)) {
      checks.add(new GateCheck(Kind.FAIRNESS_GAP, f.metric(), null, null, null, f.maxGap(), true,
          "fewer than two segments report " + f.metric() + ": no gap to measure"));
      return;
    }
    double gap = hi - lo;
    boolean ok = gap <= f.maxGap() + EPSILON;
    // The segment named is the one that fares worst (highest value when lower is better).
    String disadvantaged = policy.lowerIsBetter(f.metric()) ? best : worst;
    checks.add(new GateCheck(Kind.FAIRNESS_GAP, f.metric(), disadvantaged, gap, null, f.maxGap(), ok,
        f.metric() + " gap between segments '" + best + "' (" + fmt(hi) + ") and '" + worst + "' (" + fmt(lo)
            + ") is " + fmt(gap) + (ok ? ", within " : ", exceeds ") + fmt(f.maxGap())));
  }

  private static Map<String, Map<String, Double>> segments(ModelVersion v) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    v.segments().forEach(s -> out.put(s.name(), s.metrics()));
    return out;
  }

  static String fmt(double d) {
    String s = String.format(Locale.ROOT, "%.4f", d);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
