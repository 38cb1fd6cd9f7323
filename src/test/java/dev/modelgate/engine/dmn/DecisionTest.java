package dev.modelgate.engine.dmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.Decision;
import io.camunda.client.api.response.DecisionRequirements;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import io.camunda.client.api.response.MatchedDecisionRule;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DMN resources deployed beside BPMN, and the EvaluateDecision RPC, through the real client. */
class DecisionTest extends EngineTestBase {

  /** A one-decision DRG whose decision is a literal expression. */
  static byte[] literalDmn(String drgId, String decisionId, String expression) {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="%s" name="%s graph" \
        namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="%s" name="%s decision">
            <literalExpression id="LiteralExpression_1">
              <text>%s</text>
            </literalExpression>
          </decision>
        </definitions>
        """).formatted(drgId, drgId, decisionId, decisionId, expression).getBytes(StandardCharsets.UTF_8);
  }

  private static DeploymentEvent deployDiscount() {
    return client().newDeployResourceCommand().addResourceFromClasspath("dmn/discount.dmn").send().join();
  }

  private static DeploymentEvent deployBytes(byte[] content, String name) {
    return client().newDeployResourceCommand().addResourceBytes(content, name).send().join();
  }

  private static EvaluateDecisionResponse evaluate(String decisionId, Map<String, Object> variables) {
    return client().newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join();
  }

  @Test
  void deploymentListsTheGraphAndItsDecisionsAsZeebeDoes() {
    DeploymentEvent event = deployDiscount();
    assertTrue(event.getProcesses().isEmpty());
    assertEquals(1, event.getDecisionRequirements().size());
    DecisionRequirements drg = event.getDecisionRequirements().get(0);
    assertEquals("discount-rules", drg.getDmnDecisionRequirementsId());
    assertEquals("Discount rules", drg.getDmnDecisionRequirementsName());
    assertEquals(1, drg.getVersion());
    assertEquals("dmn/discount.dmn", drg.getResourceName());
    List<Decision> decisions = event.getDecisions();
    assertEquals(List.of("discount", "final-price"), decisions.stream().map(Decision::getDmnDecisionId).toList());
    assertEquals(List.of("Discount", "Final price"), decisions.stream().map(Decision::getDmnDecisionName).toList());
    for (Decision d : decisions) {
      assertEquals(1, d.getVersion());
      assertEquals("discount-rules", d.getDmnDecisionRequirementsId());
      assertEquals(drg.getDecisionRequirementsKey(), d.getDecisionRequirementsKey());
    }
    assertNotEquals(decisions.get(0).getDecisionKey(), decisions.get(1).getDecisionKey());

    DeploymentEvent again = deployDiscount();
    assertEquals(drg.getDecisionRequirementsKey(), again.getDecisionRequirements().get(0).getDecisionRequirementsKey(),
        "an unchanged resource deploys nothing new");
    assertEquals(decisions.get(1).getDecisionKey(), again.getDecisions().get(1).getDecisionKey());
    assertEquals(1, again.getDecisions().get(1).getVersion());
  }

  @Test
  void bpmnAndDmnDeployTogether() {
    String process = unique("with-dmn");
    DeploymentEvent event = client().newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess(process).startEvent().endEvent().done(), "p.bpmn")
        .addResourceBytes(literalDmn(unique("drg"), unique("d"), "1"), "d.dmn").send().join();
    assertEquals(1, event.getProcesses().size());
    assertEquals(1, event.getDecisions().size());
    assertEquals(1, event.getDecisionRequirements().size());
  }

  @Test
  void aChangedResourceIsANewVersionAndEvaluationByIdTakesTheLatest() {
    String drgId = unique("drg");
    String decisionId = unique("greeting");
    Decision v1 = deployBytes(literalDmn(drgId, decisionId, "\"hello \" + name"), "greeting.dmn").getDecisions().get(0);
    DeploymentEvent second = deployBytes(literalDmn(drgId, decisionId, "\"hi \" + name"), "greeting.dmn");
    Decision v2 = second.getDecisions().get(0);
    assertEquals(1, v1.getVersion());
    assertEquals(2, v2.getVersion());
    assertEquals(2, second.getDecisionRequirements().get(0).getVersion());
    assertNotEquals(v1.getDecisionKey(), v2.getDecisionKey());

    EvaluateDecisionResponse latest = evaluate(decisionId, Map.of("name", "Ada"));
    assertEquals("\"hi Ada\"", latest.getDecisionOutput());
    assertEquals(2, latest.getDecisionVersion());
    assertEquals(v2.getDecisionKey(), latest.getDecisionKey());

    EvaluateDecisionResponse first = client().newEvaluateDecisionCommand().decisionKey(v1.getDecisionKey())
        .variables(Map.of("name", "Ada")).send().join();
    assertEquals("\"hello Ada\"", first.getDecisionOutput());
    assertEquals(1, first.getDecisionVersion());
  }

  @Test
  void evaluationListsEveryEvaluatedDecisionWithInputsAndMatchedRules() {
    DeploymentEvent event = deployDiscount();
    EvaluateDecisionResponse r = evaluate("final-price", Map.of("customerType", "gold", "orderAmount", 200));
    assertEquals("final-price", r.getDecisionId());
    assertEquals("Final price", r.getDecisionName());
    assertEquals("discount-rules", r.getDecisionRequirementsId());
    assertEquals(event.getDecisionRequirements().get(0).getDecisionRequirementsKey(), r.getDecisionRequirementsKey());
    assertEquals(170, Double.parseDouble(r.getDecisionOutput()), 1e-9);
    assertTrue(r.getFailureMessage() == null || r.getFailureMessage().isEmpty(), r.getFailureMessage());
    assertTrue(r.getDecisionEvaluationKey() > 0);

    List<EvaluatedDecision> evaluated = r.getEvaluatedDecisions();
    assertEquals(List.of("discount", "final-price"), evaluated.stream().map(EvaluatedDecision::getDecisionId).toList());
    EvaluatedDecision table = evaluated.get(0);
    assertEquals("DECISION_TABLE", table.getDecisionType());
    assertEquals(event.getDecisions().get(0).getDecisionKey(), table.getDecisionKey());
    assertEquals(1, table.getDecisionVersion());
    assertEquals("0.15", table.getDecisionOutput());
    assertEquals(List.of("Input_customerType", "Input_orderAmount"),
        table.getEvaluatedInputs().stream().map(i -> i.getInputId()).toList());
    assertEquals("\"gold\"", table.getEvaluatedInputs().get(0).getInputValue());
    assertEquals("200", table.getEvaluatedInputs().get(1).getInputValue());
    MatchedDecisionRule rule = table.getMatchedRules().get(0);
    assertEquals("Rule_gold_large", rule.getRuleId());
    assertEquals(1, rule.getRuleIndex());
    assertEquals("Output_discount", rule.getEvaluatedOutputs().get(0).getOutputId());
    assertEquals("discount", rule.getEvaluatedOutputs().get(0).getOutputName());
    assertEquals("0.15", rule.getEvaluatedOutputs().get(0).getOutputValue());
    assertEquals("LITERAL_EXPRESSION", evaluated.get(1).getDecisionType());
    assertTrue(evaluated.get(1).getMatchedRules().isEmpty());
  }

  @Test
  void aFailedEvaluationAnswersWithTheFailedDecisionAndTheDmnError() {
    client().newDeployResourceCommand().addResourceFromClasspath("dmn/risk.dmn").send().join();
    EvaluateDecisionResponse ok = evaluate("risk", Map.of("country", "CH"));
    assertEquals(Map.of("level", "medium", "review", true),
        dev.modelgate.engine.util.Json.parseObject(ok.getDecisionOutput()));

    EvaluateDecisionResponse failed = evaluate("risk", Map.of("country", "AT"));
    assertEquals("risk", failed.getFailedDecisionId());
    assertTrue(failed.getFailureMessage().startsWith("Expected to evaluate decision 'risk', but "),
        failed.getFailureMessage());
  }

  /** What the engine's own entry point answers: the result, or the rejection. */
  private static Object answerOf(Command.EvaluateDecision command) throws Exception {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    h.engine().evaluateDecision(command, new Responder() {
      @Override
      public void succeed(Object result) {
        answer.complete(result);
      }

      @Override
      public void reject(Rejection rejection) {
        answer.complete(rejection);
      }
    });
    return answer.get(20, TimeUnit.SECONDS);
  }

  /** The engine's own entry point, which REST's decision evaluation calls: the same result as the RPC. */
  @Test
  void theEngineEntryPointAnswersWithTheEvaluationOrARejection() throws Exception {
    deployDiscount();
    Results.DecisionEvaluation evaluation = (Results.DecisionEvaluation) answerOf(new Command.EvaluateDecision(0,
        "discount", "{\"customerType\":\"gold\",\"orderAmount\":10}"));
    assertEquals(0.1, evaluation.evaluation().result().output());
    assertEquals("discount", evaluation.evaluation().decision().decisionId());
    assertTrue(evaluation.key() > 0);
    Rejection refused = (Rejection) answerOf(new Command.EvaluateDecision(0, "", "{}"));
    assertEquals(Rejection.Type.INVALID_ARGUMENT, refused.type());
    Rejection badVariables = (Rejection) answerOf(new Command.EvaluateDecision(0, "discount", "[1]"));
    assertEquals(Rejection.Type.INVALID_ARGUMENT, badVariables.type());
    assertTrue(badVariables.message().contains("'variables'"), badVariables.message());
  }

  @Test
  void unknownDecisionsAreNotFoundAndNothingChanges() {
    ClientStatusException byId = assertThrows(ClientStatusException.class, () -> evaluate("no-such-decision", Map.of()));
    assertEquals(Status.Code.NOT_FOUND, byId.getStatus().getCode());
    assertTrue(byId.getStatus().getDescription().contains("'no-such-decision'"), byId.getStatus().getDescription());
    assertStatus(Status.Code.NOT_FOUND, () -> client().newEvaluateDecisionCommand().decisionKey(42).send().join());
  }

  @Test
  void aMalformedDmnResourceIsRefusedNamingItAndNothingOfTheDeploymentIsKept() {
    String process = unique("not-kept");
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> client().newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess(process).startEvent().endEvent().done(), "p.bpmn")
        .addResourceBytes("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"".getBytes(),
            "broken.dmn")
        .send().join());
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("'broken.dmn'"), e.getStatus().getDescription());
    assertStatus(Status.Code.NOT_FOUND, () -> start(process));
  }

  @Test
  void aDecisionIdBelongsToOneGraph() {
    String decisionId = unique("shared");
    deployBytes(literalDmn(unique("drg-a"), decisionId, "1"), "a.dmn");
    ClientStatusException e = assertThrows(ClientStatusException.class,
        () -> deployBytes(literalDmn(unique("drg-b"), decisionId, "2"), "b.dmn"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("'" + decisionId + "'"), e.getStatus().getDescription());
    assertEquals("1", evaluate(decisionId, Map.of()).getDecisionOutput());
  }

  @Test
  void decisionsSurviveARestartWithTheirKeysAndVersions() {
    String drgId = unique("drg");
    String decisionId = unique("kept");
    Decision v1 = deployBytes(literalDmn(drgId, decisionId, "x * 2"), "kept.dmn").getDecisions().get(0);
    Decision v2 = deployBytes(literalDmn(drgId, decisionId, "x * 3"), "kept.dmn").getDecisions().get(0);
    long before = evaluate(decisionId, Map.of("x", 1)).getDecisionEvaluationKey();

    h.restart();

    EvaluateDecisionResponse latest = evaluate(decisionId, Map.of("x", 5));
    assertEquals("15", latest.getDecisionOutput());
    assertEquals(v2.getDecisionKey(), latest.getDecisionKey());
    assertTrue(latest.getDecisionEvaluationKey() > before, "keys go on after the restart");
    assertEquals("10", client().newEvaluateDecisionCommand().decisionKey(v1.getDecisionKey())
        .variables(Map.of("x", 5)).send().join().getDecisionOutput());
    Decision v3 = deployBytes(literalDmn(drgId, decisionId, "x * 4"), "kept.dmn").getDecisions().get(0);
    assertEquals(3, v3.getVersion());
  }
}
