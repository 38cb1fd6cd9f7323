package dev.modelgate.engine.dmn;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.ProcessingContext;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.DecisionRequirements;
import dev.modelgate.engine.state.EngineState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds deployed decisions and evaluates them at the time of the command being processed. An evaluation
 * is written as a {@link EngineEvent.DecisionEvaluated} event, which takes a key and otherwise changes
 * nothing; whoever evaluates writes the outcome's own events (variables, incident), so that replay never
 * evaluates again. The evaluation itself is {@link DecisionEvaluator}'s, usable without the engine.
 */
public final class DecisionBehavior {
  private final EngineState state;
  private final DecisionEvaluator evaluator;
  private final StateWriter writer;

  public DecisionBehavior(EngineState state, ProcessingContext context, StateWriter writer) {
    this.state = state;
    this.evaluator = new DecisionEvaluator(context::now);
    this.writer = writer;
  }

  /**
   * One evaluation: its key, the decision asked for, its DRG version, the result, and the deployed
   * versions of the DRG's decisions by id (to give every evaluated decision its key and version).
   */
  public record Evaluation(long key, Decision decision, DecisionRequirements drg, DecisionResult result,
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

  /**
   * Evaluates the decision and writes the evaluation; {@code processInstanceKey} and {@code
   * elementInstanceKey} name the business rule task that asked (-1 for EvaluateDecision).
   */
  public Evaluation evaluate(Decision decision, Map<String, Object> variables, long processInstanceKey,
      long elementInstanceKey) {
    DecisionRequirements drg = state.decisionRequirements.get(decision.decisionRequirementsKey());
    DecisionResult result = evaluator.evaluate(drg.parsed(), decision.decisionId(), variables);
    long key = state.nextKey();
    writer.append(new EngineEvent.DecisionEvaluated(key, decision.key(), decision.decisionId(), decision.version(),
        drg.key(), processInstanceKey, elementInstanceKey, result.failed() ? null : result.output(),
        result.failedDecisionId(), result.failureMessage()));
    Map<String, Decision> byId = new LinkedHashMap<>();
    for (Decision d : DecisionDeployment.decisionsOf(drg, state)) {
      byId.put(d.decisionId(), d);
    }
    return new Evaluation(key, decision, drg, result, byId);
  }
}
