package dev.modelgate.workflow;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of workflow ModelGate runs, each one BPMN process in {@code workflows/}. */
public enum WorkflowType {
  REVIEW("review", "model-review"),
  SIGNOFF("signoff", "compliance-signoff"),
  PROMOTION("promotion", "model-promotion"),
  RETRAINING("retraining", "retraining");

  private final String id;
  private final String processId;

  WorkflowType(String id, String processId) {
    this.id = id;
    this.processId = processId;
  }

  public String id() {
    return id;
  }

  /** The BPMN process id. */
  public String processId() {
    return processId;
  }

  public static Optional<WorkflowType> parse(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  /** The types a person may start from a model version (retraining starts from a drift event). */
  public boolean startableByPeople() {
    return this != RETRAINING;
  }
}
