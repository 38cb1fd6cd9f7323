package dev.modelgate.workflow.workers;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import dev.modelgate.workflow.Plain;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate-canary}: the online check. The canary's reported metrics against the control group's
 * (reported alongside, else production's offline metrics), under the team's maximum online regression.
 * No report within the observation window means no evidence, so the canary is not accepted.
 */
public final class EvaluateCanaryWorker implements JobHandler {

  private final ModelVersionRepository versions;
  private final WorkflowJournal journal;

  public EvaluateCanaryWorker(ModelVersionRepository versions, WorkflowJournal journal) {
    this.versions = versions;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "evaluate-canary";
  }

  /** The verdict and one line per check. */
  record Verdict(boolean passed, List<String> checks) {}

  @Override
  public Map<String, Object> handle(JobInput job) {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    journal.stopWaiting(w.id(), "canary-metrics-reported");
    Object reported = job.variables().get("canaryMetrics");
    Map<String, Double> control = Plain.numbers(job.variables().get("canaryBaselineMetrics"));
    if (control.isEmpty()) {
      control = versions.findInStage(w.projectId(), w.model(), Stage.PRODUCTION).map(ModelVersion::metrics)
          .orElse(Map.of());
    }
    Map<String, Double> limits = Plain.numbers(job.variables().get("canaryMaxRegression"));
    Set<String> lowerIsBetter = Set.copyOf(listOf(Plain.map(job.variables().get("gatePolicy")).get("lowerIsBetter")));
    Verdict v = reported == null
        ? new Verdict(false, List.of("no online metrics reported within the observation window "
            + job.string("canaryWindow").orElse("")))
        : evaluate(Plain.numbers(reported), control, limits, lowerIsBetter);
    journal.done(job, "Evaluate canary", started, (v.passed() ? "canary accepted: " : "canary rejected: ")
        + String.join("; ", v.checks()));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("canaryPassed", v.passed());
    vars.put("canaryChecks", v.checks());
    return vars;
  }

  static Verdict evaluate(Map<String, Double> canary, Map<String, Double> control, Map<String, Double> limits,
      Set<String> lowerIsBetter) {
    List<String> checks = new ArrayList<>();
    boolean passed = true;
    for (Map.Entry<String, Double> limit : limits.entrySet()) {
      String m = limit.getKey();
      Double c = canary.get(m);
      Double b = control.get(m);
      if (c == null) {
        checks.add(m + ": not reported by the canary");
        passed = false;
        continue;
      }
      if (b == null) {
        checks.add(m + ": no control value, not compared");
        continue;
      }
      double drop = lowerIsBetter.contains(m) ? c - b : b - c;
      boolean ok = drop <= limit.getValue() + 1e-9;
      passed &= ok;
      checks.add(m + " online " + c + " vs. " + b + (ok ? " ok" : " regression " + round(drop) + " exceeds "
          + limit.getValue()));
    }
    if (limits.isEmpty()) {
      checks.add("no online regression limits configured");
    }
    return new Verdict(passed, checks);
  }

  private static double round(double d) {
    return Math.round(d * 10_000) / 10_000.0;
  }

  private static List<String> listOf(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
