package dev.modelgate.engine.dmn;

import java.util.List;

/**
 * What evaluating one decision gave: the output of the decision asked for, every decision that was
 * evaluated on the way (required decisions first, the decision asked for last) with its inputs and
 * matched rules, or — when evaluation failed — which decision failed and why. Values are plain Java
 * values ({@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, null).
 */
public record DecisionResult(
    String decisionId,
    Object output,
    List<EvaluatedDecision> evaluatedDecisions,
    String failedDecisionId,
    String failureMessage) {

  public boolean failed() {
    return failureMessage != null;
  }

  /** One evaluated decision; {@code decisionType} as Zeebe names it (DECISION_TABLE, LITERAL_EXPRESSION, …). */
  public record EvaluatedDecision(
      String decisionId,
      String decisionName,
      String decisionType,
      Object output,
      List<EvaluatedInput> inputs,
      List<MatchedRule> matchedRules) {}

  public record EvaluatedInput(String inputId, String inputName, Object value) {}

  /** A rule of a decision table that matched; {@code ruleIndex} counts from 1, as Zeebe does. */
  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> outputs) {}

  public record EvaluatedOutput(String outputId, String outputName, Object value) {}
}
