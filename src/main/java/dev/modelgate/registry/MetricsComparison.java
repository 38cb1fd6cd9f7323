package dev.modelgate.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model version's metrics next to its baseline's, overall and per segment, marked where the version's
 * gate report has a failed check for that metric and segment. What the task and model-version pages show.
 */
public record MetricsComparison(Optional<ModelVersion> baseline, List<Row> rows, List<Check> checks, Boolean gatePassed,
    String gateEvaluatedAt) {

  public static final String OVERALL = "overall";

  /** One metric in one segment ({@link #OVERALL} for the whole population). */
  public record Row(String segment, String metric, Double candidate, Double baseline, boolean failed) {

    public Double delta() {
      return candidate == null || baseline == null ? null : candidate - baseline;
    }
  }

  /** One check of the gate report, as stored with the version. */
  public record Check(String kind, String metric, String segment, Object candidate, Object baseline, Object threshold,
      boolean passed, String detail) {}

  public static MetricsComparison of(ModelVersion v, Optional<ModelVersion> baseline) {
    List<Check> checks = checks(v.gateReport());
    Set<String> failed = new HashSet<>();
    checks.stream().filter(c -> !c.passed()).forEach(c -> failed.add(key(c.segment(), c.metric())));
    List<Row> rows = new ArrayList<>();
    addRows(rows, OVERALL, v.metrics(), baseline.map(ModelVersion::metrics).orElse(Map.of()), failed);
    Map<String, Map<String, Double>> baseSegments = new LinkedHashMap<>();
    baseline.ifPresent(b -> b.segments().forEach(s -> baseSegments.put(s.name(), s.metrics())));
    Set<String> segments = new LinkedHashSet<>();
    v.segments().forEach(s -> segments.add(s.name()));
    segments.addAll(baseSegments.keySet());
    for (String segment : segments) {
      Map<String, Double> mine = v.segments().stream().filter(s -> s.name().equals(segment)).findFirst()
          .map(ModelVersion.Segment::metrics).orElse(Map.of());
      addRows(rows, segment, mine, baseSegments.getOrDefault(segment, Map.of()), failed);
    }
    Boolean passed = v.gateReport() == null ? null : (Boolean) v.gateReport().get("passed");
    String at = v.gateReport() == null ? null : String.valueOf(v.gateReport().get("evaluatedAt"));
    return new MetricsComparison(baseline, rows, checks, passed, at);
  }

  /** The id of the version this one is judged against: the gate report's, else the registered baseline. */
  public static Optional<String> baselineId(ModelVersion v) {
    if (v.gateReport() != null && v.gateReport().get("baselineVersionId") instanceof String id) {
      return Optional.of(id);
    }
    return Optional.ofNullable(v.baselineVersionId());
  }

  public List<Check> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** The segments in row order, overall first. */
  public List<String> segments() {
    return rows.stream().map(Row::segment).distinct().toList();
  }

  private static void addRows(List<Row> rows, String segment, Map<String, Double> mine, Map<String, Double> base,
      Set<String> failed) {
    Set<String> metrics = new LinkedHashSet<>(mine.keySet());
    metrics.addAll(base.keySet());
    for (String m : metrics.stream().sorted().toList()) {
      rows.add(new Row(segment, m, mine.get(m), base.get(m), failed.contains(key(segment, m))));
    }
  }

  private static String key(String segment, String metric) {
    return (segment == null ? OVERALL : segment) + "\u0000" + metric;
  }

  private static List<Check> checks(Map<String, Object> report) {
    List<Check> out = new ArrayList<>();
    if (report == null || !(report.get("checks") instanceof List<?> list)) {
      return out;
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m) {
        out.add(new Check(str(m.get("kind")), str(m.get("metric")), str(m.get("segment")), m.get("candidate"),
            m.get("baseline"), m.get("threshold"), Boolean.TRUE.equals(m.get("passed")), str(m.get("detail"))));
      }
    }
    return out;
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
