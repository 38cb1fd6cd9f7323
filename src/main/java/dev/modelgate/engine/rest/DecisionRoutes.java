package dev.modelgate.engine.rest;

import dev.modelgate.engine.dmn.DecisionBehavior;
import dev.modelgate.engine.dmn.DecisionResult;
import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.util.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decisions: evaluation ({@code POST /v2/decision-definitions/evaluation}) by id (latest version) or key, as
 * the EvaluateDecision RPC. A decision that fails to evaluate is a 200 naming the failed decision and why.
 */
final class DecisionRoutes {
  private final EngineCalls engine;

  DecisionRoutes(EngineCalls engine) {
    this.engine = engine;
  }

  List<RestRoute> routes() {
    return List.of(RestRoute.post("/decision-definitions/evaluation", this::evaluate));
  }

  private CompletableFuture<RestRoute.Reply> evaluate(RoutingContext request) {
    JsonFields body = RestRoute.body(request);
    body.allowOnly("decisionDefinitionId", "decisionDefinitionKey", "variables", "tenantId");
    String id = body.string("decisionDefinitionId");
    Long key = body.key("decisionDefinitionKey");
    if ((id == null) == (key == null)) {
      throw RestProblem.invalid("Exactly one of 'decisionDefinitionId' and 'decisionDefinitionKey' is required");
    }
    if (id != null && id.isBlank()) {
      throw RestProblem.invalid("Property 'decisionDefinitionId' must not be blank");
    }
    ProcessInstanceRoutes.checkTenant(body);
    return engine.call(new Command.EvaluateDecision(key == null ? -1 : key, id, body.variables("variables")))
        .thenApply(r -> RestRoute.Reply.ok(render((Results.DecisionEvaluation) r)));
  }

  /** {@code EvaluateDecisionResult}: the decision asked for, then every decision evaluated on the way. */
  static JsonObject render(Results.DecisionEvaluation evaluation) {
    DecisionBehavior.Evaluation e = evaluation.evaluation();
    DecisionResult r = e.result();
    String key = Keys.format(evaluation.key());
    JsonArray evaluated = new JsonArray();
    int index = 0;
    for (DecisionResult.EvaluatedDecision d : r.evaluatedDecisions()) {
      index++;
      var deployed = e.drgDecisions().get(d.decisionId());
      JsonArray inputs = new JsonArray();
      for (DecisionResult.EvaluatedInput in : d.inputs()) {
        inputs.add(new JsonObject().put("inputId", in.inputId()).put("inputName", in.inputName())
            .put("inputValue", Json.writeValue(in.value())));
      }
      JsonArray rules = new JsonArray();
      for (DecisionResult.MatchedRule rule : d.matchedRules()) {
        JsonArray outputs = new JsonArray();
        for (DecisionResult.EvaluatedOutput out : rule.outputs()) {
          outputs.add(new JsonObject().put("outputId", out.outputId()).put("outputName", out.outputName())
              .put("outputValue", Json.writeValue(out.value())).put("ruleId", rule.ruleId())
              .put("ruleIndex", rule.ruleIndex()));
        }
        rules.add(new JsonObject().put("ruleId", rule.ruleId()).put("ruleIndex", rule.ruleIndex())
            .put("evaluatedOutputs", outputs));
      }
      evaluated.add(new JsonObject().put("decisionDefinitionId", d.decisionId())
          .put("decisionDefinitionName", d.decisionName() == null ? d.decisionId() : d.decisionName())
          .put("decisionDefinitionVersion", deployed == null ? null : deployed.version())
          .put("decisionDefinitionKey", deployed == null ? null : Keys.format(deployed.key()))
          .put("decisionDefinitionType", d.decisionType()).put("output", Json.writeValue(d.output()))
          .put("tenantId", EngineRestServer.TENANT).put("decisionEvaluationInstanceKey", key + "-" + index)
          .put("matchedRules", rules).put("evaluatedInputs", inputs));
    }
    return new JsonObject().put("decisionDefinitionId", e.decision().decisionId())
        .put("decisionDefinitionKey", Keys.format(e.decision().key()))
        .put("decisionDefinitionName", e.decision().name())
        .put("decisionDefinitionVersion", e.decision().version())
        .put("decisionRequirementsId", e.drg().drgId())
        .put("decisionRequirementsKey", Keys.format(e.drg().key()))
        .put("output", r.failed() ? null : Json.writeValue(r.output()))
        .put("failedDecisionDefinitionId", r.failed() ? r.failedDecisionId() : null)
        .put("failureMessage", r.failed() ? r.failureMessage() : null)
        .put("tenantId", EngineRestServer.TENANT)
        .put("decisionEvaluationKey", key).put("decisionInstanceKey", key)
        .put("evaluatedDecisions", evaluated);
  }
}
