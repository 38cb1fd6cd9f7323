package dev.modelgate.engine.dmn;

import dev.modelgate.engine.processing.ProcessingContext;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.DecisionRequirements;
import dev.modelgate.engine.state.EngineState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds deployed decisions and evaluates them at the time of the command being processed. Reads the
 * state only: evaluating a decision changes nothing.
 */
public final class DecisionBehavior {
  private final EngineState state;
  private final DecisionEvaluator evaluator;

  public DecisionBehavior(EngineState state, ProcessingContext context) {
    this.state = state;
    this.evaluator = new DecisionEvaluator(context::now);
  }

  /**
   * One evaluation: the decision asked for, its DRG version, the result, and the deployed versions of
   * the DRG's decisions by id (to give every evaluated decision its key and version).
   */
  public record Evaluation(Decision decision, DecisionRequirements drg, DecisionResult result,
      Map<String, Decision> drgDecisions) {}

  /** The latest version of the decision, or null. */
  public Decision latest(String decisionId) {
    return state.latestDecision(decisionId);
  }

  /** The version of the decision deployed together with the process definition, or null. */
  public Decision deployedWith(long processDefinitionKey, String decisionId) {
    Long key = state.decisionsDeployedWith.getOrDefault(processDefinitionKey, Map.of()).get(decisionId);
    return key == null ? null : state.decisions.get(key);
  }

  public Decision byKey(long decisionKey) {
    return state.decisions.get(decisionKey);
  }

  public Evaluation evaluate(Decision decision, Map<String, Object> variables) {
    DecisionRequirements drg = state.decisionRequirements.get(decision.decisionRequirementsKey());
    DecisionResult result = evaluator.evaluate(drg.parsed(), decision.decisionId(), variables);
    Map<String, Decision> byId = new LinkedHashMap<>();
    for (Decision d : DecisionDeployment.decisionsOf(drg, state)) {
      byId.put(d.decisionId(), d);
    }
    return new Evaluation(decision, drg, result, byId);
  }
}
