package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Business rule tasks: with {@code zeebe:calledDecision} the engine evaluates the DMN decision and
 * puts its output into the result variable; failures are incidents that retry the evaluation when
 * resolved. With {@code zeebe:taskDefinition} they are job-based like service tasks.
 */
class BusinessRuleTaskTest extends EngineTestBase {

  @BeforeAll
  static void deployDecisions() {
    client().newDeployResourceCommand().addResourceFromClasspath("dmn/discount.dmn")
        .addResourceFromClasspath("dmn/risk.dmn").send().join();
  }

  /** start → business rule task (configured by {@code task}) → a service task of type {@code after} → end. */
  private static BpmnModelInstance ruleThenJob(String id, String after,
      Consumer<io.camunda.zeebe.model.bpmn.builder.BusinessRuleTaskBuilder> task) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .businessRuleTask("rule", task::accept)
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done();
  }

  private static byte[] literalDmn(String drgId, String decisionId, String expression) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"" + drgId + "\" name=\"g\""
        + " namespace=\"http://camunda.org/schema/1.0/dmn\"><decision id=\"" + decisionId + "\" name=\"d\">"
        + "<literalExpression id=\"e\"><text>" + expression + "</text></literalExpression></decision></definitions>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Resolves the one open incident of a process instance. gRPC has no incident query, so this tries the
   * keys handed out after the instance's key; resolving a key that is no incident is NOT_FOUND and changes
   * nothing.
   */
  private static long resolveIncidentAfter(long processInstanceKey) {
    for (long key = processInstanceKey + 1; key < processInstanceKey + 100; key++) {
      try {
        client().newResolveIncidentCommand(key).send().join();
        return key;
      } catch (ClientStatusException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    throw new AssertionError("no incident found for process instance " + processInstanceKey);
  }

  @Test
  void theDecisionOutputGoesIntoTheResultVariable() {
    String id = unique("brt");
    String after = unique("after");
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId("final-price").zeebeResultVariable("price")));
    long pi = start(id, Map.of("customerType", "gold", "orderAmount", 200));
    ActivatedJob job = h.awaitJob(after);
    assertEquals(170.0, ((Number) job.getVariablesAsMap().get("price")).doubleValue(), 1e-9);
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void theDecisionIdCanBeAnExpressionAndOutputMappingsPickWhatLeaves() {
    String id = unique("brt-expr");
    String after = unique("after");
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionIdExpression("which").zeebeResultVariable("result")
        .zeebeOutputExpression("result.level", "riskLevel")));
    start(id, Map.of("which", "risk", "country", "DE"));
    Map<String, Object> variables = h.awaitJob(after).getVariablesAsMap();
    assertEquals("low", variables.get("riskLevel"));
    assertFalse(variables.containsKey("result"), "with output mappings the result variable stays local");
  }

  @Test
  void noMatchingRuleGivesANullResult() {
    String id = unique("brt-null");
    String after = unique("after");
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId("discount").zeebeResultVariable("rate")));
    start(id, Map.of("customerType", "bronze", "orderAmount", 5));
    Map<String, Object> variables = h.awaitJob(after).getVariablesAsMap();
    assertTrue(variables.containsKey("rate"));
    assertEquals(null, variables.get("rate"));
  }

  @Test
  void aFailedEvaluationIsAnIncidentAndResolvingItEvaluatesAgain() {
    String id = unique("brt-fail");
    String after = unique("after");
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId("risk").zeebeResultVariable("risk")));
    long pi = start(id, Map.of("country", "AT")); // two rules match a UNIQUE table
    assertTrue(h.activateNow(after).isEmpty(), "the task waits in an incident");
    assertTrue(h.isActive(pi));
    client().newSetVariablesCommand(pi).variables(Map.of("country", "CH")).send().join();
    resolveIncidentAfter(pi);
    ActivatedJob job = h.awaitJob(after);
    assertEquals(Map.of("level", "medium", "review", true), job.getVariablesAsMap().get("risk"));
  }

  @Test
  void aMissingDecisionIsAnIncidentUntilTheDecisionIsDeployed() {
    String id = unique("brt-missing");
    String after = unique("after");
    String decisionId = unique("later");
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("answer")));
    long pi = start(id);
    assertTrue(h.activateNow(after).isEmpty(), "the task waits in an incident");
    client().newDeployResourceCommand().addResourceBytes(literalDmn(unique("drg"), decisionId, "42"), "later.dmn")
        .send().join();
    resolveIncidentAfter(pi);
    assertEquals(42, h.awaitJob(after).getVariablesAsMap().get("answer"));
  }

  @Test
  void eachActivationEvaluatesTheLatestVersion() {
    String id = unique("brt-latest");
    String after = unique("after");
    String drgId = unique("drg");
    String decisionId = unique("versioned");
    client().newDeployResourceCommand().addResourceBytes(literalDmn(drgId, decisionId, "\"one\""), "v.dmn")
        .send().join();
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("v")));
    start(id);
    assertEquals("one", h.awaitJob(after).getVariablesAsMap().get("v"));
    client().newDeployResourceCommand().addResourceBytes(literalDmn(drgId, decisionId, "\"two\""), "v.dmn")
        .send().join();
    start(id);
    assertEquals("two", h.awaitJob(after).getVariablesAsMap().get("v"));
  }

  @Test
  void deploymentBindingEvaluatesTheVersionDeployedWithTheProcess() {
    String id = unique("brt-bound");
    String after = unique("after");
    String drgId = unique("drg");
    String decisionId = unique("bound");
    client().newDeployResourceCommand()
        .addProcessModel(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("v")
            .zeebeBindingType(ZeebeBindingType.deployment)), "bound.bpmn")
        .addResourceBytes(literalDmn(drgId, decisionId, "\"with the process\""), "bound.dmn").send().join();
    client().newDeployResourceCommand().addResourceBytes(literalDmn(drgId, decisionId, "\"later\""), "bound.dmn")
        .send().join();
    h.restart(); // the binding is kept in the snapshot
    start(id);
    assertEquals("with the process", h.awaitJob(after).getVariablesAsMap().get("v"));

    String alone = unique("brt-bound-alone");
    deploy(ruleThenJob(alone, after, t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("v")
        .zeebeBindingType(ZeebeBindingType.deployment)));
    long pi = start(alone);
    assertTrue(h.activateNow(after).isEmpty(), "no decision in its deployment: an incident");
    resolveIncidentAfter(pi); // raised again: the deployment still has no such decision
    assertTrue(h.activateNow(after).isEmpty());
  }

  @Test
  void theJobBasedFormStillWorksLikeAServiceTask() {
    String id = unique("brt-job");
    String type = unique("rules");
    String after = unique("after");
    deploy(ruleThenJob(id, after, t -> t.zeebeJobType(type).zeebeTaskHeader("decision", "external")));
    long pi = start(id);
    ActivatedJob job = h.awaitJob(type);
    assertEquals("rule", job.getElementId());
    assertEquals("external", job.getCustomHeaders().get("decision"));
    h.complete(job, Map.of("decided", true));
    ActivatedJob next = h.awaitJob(after);
    assertEquals(true, next.getVariablesAsMap().get("decided"));
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aCalledDecisionWithoutResultVariableOrWithAnotherBindingIsRefusedNamingTheElement() {
    String id = unique("brt-bad");
    ClientStatusException noResult = assertThrows(ClientStatusException.class, () -> deploy(ruleThenJob(id, "x",
        t -> t.zeebeCalledDecisionId("discount"))));
    assertEquals(Status.Code.INVALID_ARGUMENT, noResult.getStatus().getCode());
    assertTrue(noResult.getStatus().getDescription().contains("'rule' (businessRuleTask with zeebe:calledDecision"
        + " without a resultVariable)"), noResult.getStatus().getDescription());
    ClientStatusException binding = assertThrows(ClientStatusException.class, () -> deploy(ruleThenJob(id, "x",
        t -> t.zeebeCalledDecisionId("discount").zeebeResultVariable("r")
            .zeebeBindingType(ZeebeBindingType.versionTag))));
    assertTrue(binding.getStatus().getDescription().contains("bindingType 'versionTag'"),
        binding.getStatus().getDescription());
  }

  @Test
  void aTimerBoundaryEventInterruptsATaskWaitingInAnIncident() {
    String id = unique("brt-timeout");
    String after = unique("after");
    String late = unique("late");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .businessRuleTask("rule", t -> t.zeebeCalledDecisionId("risk").zeebeResultVariable("r"))
        .boundaryEvent("timeout", e -> e.timerWithDuration("PT10M")).serviceTask("escalate",
            t -> t.zeebeJobType(late)).endEvent()
        .moveToActivity("rule").serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("country", "AT"));
    assertTrue(h.activateNow(after).isEmpty(), "the task waits in an incident");
    h.clock.advance(Duration.ofMinutes(11));
    h.complete(h.awaitJob(late), Map.of());
    h.awaitCompleted(pi);
    assertTrue(h.activateNow(after).isEmpty());
  }

  @Test
  void cancellingAnInstanceWhoseTaskIsInAnIncidentRemovesTheIncident() {
    String id = unique("brt-cancel");
    String after = unique("after");
    deploy(ruleThenJob(id, after, t -> t.zeebeCalledDecisionId("risk").zeebeResultVariable("r")));
    long pi = start(id, Map.of("country", "AT"));
    client().newCancelInstanceCommand(pi).send().join();
    assertFalse(h.isActive(pi));
    assertThrows(AssertionError.class, () -> resolveIncidentAfter(pi), "no incident is left to resolve");
  }
}
