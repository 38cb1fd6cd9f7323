package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.dmn.DecisionBehavior;
import dev.modelgate.engine.processing.Command.EvaluateDecision;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.Decision;
import java.util.Map;

/**
 * Evaluates a deployed decision on its own (the EvaluateDecision RPC): by key, or the latest version of
 * a decision id. A failed evaluation is an answer, not a rejection; either way the evaluation is written
 * as an event with its own key.
 */
public final class EvaluateDecisionProcessor implements TypedCommandProcessor<EvaluateDecision> {
  private final BpmnBehaviors b;

  public EvaluateDecisionProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(EvaluateDecision c, Responder responder) {
    Decision decision;
    if (c.decisionKey() > 0) {
      decision = b.decisions.byKey(c.decisionKey());
      if (decision == null) {
        return Rejection.notFound("Expected to evaluate decision with key '" + c.decisionKey()
            + "', but no such decision was found");
      }
    } else if (c.decisionId() == null || c.decisionId().isBlank()) {
      return Rejection.invalid("Expected either a decision id or a valid decision key, but none provided");
    } else {
      decision = b.decisions.latest(c.decisionId());
      if (decision == null) {
        return Rejection.notFound("Expected to evaluate decision '" + c.decisionId()
            + "', but no decision found for id '" + c.decisionId() + "'");
      }
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    DecisionBehavior.Evaluation evaluation = b.decisions.evaluate(decision, variables, -1, -1);
    return new Results.DecisionEvaluation(evaluation.key(), evaluation);
  }
}
