package dev.modelgate.engine.processing;

import dev.modelgate.engine.behavior.ActivatedJobData;
import dev.modelgate.engine.dmn.DecisionBehavior;
import java.util.List;

/** The values commands answer with. */
public final class Results {
  private Results() {}

  public record DeployedProcess(String bpmnProcessId, int version, long processDefinitionKey, String resourceName) {}

  public record DeployedDecision(String decisionId, String name, int version, long decisionKey, String drgId,
      long decisionRequirementsKey) {}

  public record DeployedDecisionRequirements(String drgId, String name, int version, long decisionRequirementsKey,
      String resourceName) {}

  public record Deployment(long key, List<DeployedProcess> processes, List<DeployedDecision> decisions,
      List<DeployedDecisionRequirements> decisionRequirements) {
    public Deployment(long key, List<DeployedProcess> processes) {
      this(key, processes, List.of(), List.of());
    }
  }

  /** A decision evaluation (EvaluateDecision): its key and what was evaluated. */
  public record DecisionEvaluation(long key, DecisionBehavior.Evaluation evaluation) {}

  public record InstanceCreated(long processDefinitionKey, String bpmnProcessId, int version,
      long processInstanceKey) {}

  public record InstanceResult(InstanceCreated instance, String variablesJson) {}

  public record ActivatedJobs(List<ActivatedJobData> jobs) {}

  public record Key(long key) {}

  /** A correlated message: its key and the first process instance it reached (or started). */
  public record MessageCorrelation(long messageKey, long processInstanceKey) {}

  public record Empty() {}

  public record StateFingerprint(String sha256, long lastPosition) {}
}
