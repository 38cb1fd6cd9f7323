package dev.modelgate.engine.model;

import java.util.List;
import java.util.Map;

/** Element-level definitions parsed from the Zeebe extension elements. */
public final class Definitions {
  private Definitions() {}

  public record Flow(String id, String sourceId, String targetId, Expression condition) {}

  public record Mapping(Expression source, String target) {}

  public record JobDefinition(Expression type, Expression retries, Map<String, String> headers) {}

  /**
   * The assignment, schedule, priority and form of a user task. {@code camunda} is true for Camunda user
   * tasks ({@code zeebe:userTask}), which the engine keeps as user-task state; job-worker user tasks carry
   * the same values as job headers. {@code priority} is null for job-worker user tasks.
   */
  public record UserTaskDefinition(
      boolean camunda,
      Expression assignee,
      Expression candidateGroups,
      Expression candidateUsers,
      Expression dueDate,
      Expression followUpDate,
      Expression priority,
      String formKey,
      String externalFormReference) {}

  /** One {@code zeebe:executionListener} or {@code zeebe:taskListener}: a job of {@code type} per event. */
  public record ListenerDefinition(ListenerEventType eventType, Expression type, Expression retries) {}

  public enum TimerKind { DURATION, DATE, CYCLE }

  public record TimerDefinition(TimerKind kind, Expression expression) {}

  public record MessageDefinition(String messageName, Expression nameExpression, Expression correlationKey) {}

  public record ScriptDefinition(Expression expression, String resultVariable) {}

  /**
   * A business rule task's {@code zeebe:calledDecision}. The latest version of the decision is evaluated, or,
   * with {@code bindingType="deployment"}, the version deployed together with the task's process version.
   */
  public record CalledDecisionDefinition(Expression decisionId, String resultVariable, boolean bindToDeployment) {}

  public record CallDefinition(Expression processId, boolean propagateAllChildVariables,
      boolean propagateAllParentVariables) {}

  /**
   * Multi-instance characteristics. {@code outputElementVariable} is the variable the output
   * element reads when it is a plain variable reference ({@code =result}, {@code =result.score}):
   * each inner instance holds it locally, so that what a job or sub-process writes to it stays in
   * that instance and only the output collection leaves the body.
   */
  public record LoopDefinition(
      boolean sequential,
      Expression inputCollection,
      String inputElement,
      String outputCollection,
      Expression outputElement,
      String outputElementVariable,
      Expression completionCondition) {}

  public record IoMappings(List<Mapping> inputs, List<Mapping> outputs) {
    public static final IoMappings NONE = new IoMappings(List.of(), List.of());

    public boolean hasOutputs() {
      return !outputs.isEmpty();
    }
  }
}
