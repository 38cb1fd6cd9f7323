package dev.modelgate.workflow.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check the gate made for one candidate, against which baseline, and the verdict. */
public record GateReport(String candidateVersionId, String baselineVersionId, List<GateCheck> checks,
    Instant evaluatedAt) {

  public GateReport {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().allMatch(GateCheck::passed);
  }

  public List<GateCheck> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** One line per failed check, for the process variables and notifications. */
  public List<String> failureSummary() {
    return failures().stream().map(GateCheck::detail).toList();
  }

  /** The report as plain maps and lists (stored with the model version, rendered as JSON). */
  public Map<String, Object> toMap() {
    List<Object> list = new ArrayList<>();
    for (GateCheck c : checks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", c.kind().id());
      m.put("metric", c.metric());
      m.put("segment", c.segment());
      m.put("candidate", c.candidate());
      m.put("baseline", c.baseline());
      m.put("threshold", c.threshold());
      m.put("passed", c.passed());
      m.put("detail", c.detail());
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("candidateVersionId", candidateVersionId);
    out.put("baselineVersionId", baselineVersionId);
    out.put("passed", passed());
    out.put("failed", failures().size());
    out.put("evaluatedAt", evaluatedAt.toString());
    out.put("checks", list);
    return out;
  }
}
