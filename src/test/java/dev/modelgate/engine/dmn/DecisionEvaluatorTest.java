package dev.modelgate.engine.dmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on its own, as other features use it (a team's gate as a decision table): parse a DMN
 * resource, evaluate a decision against variables, read the output and the audit of what matched.
 */
class DecisionEvaluatorTest {
  private final DecisionEvaluator evaluator = new DecisionEvaluator(() -> 1_767_225_600_000L);

  static ParsedDrg drg(String resource) {
    try (InputStream in = DecisionEvaluatorTest.class.getClassLoader().getResourceAsStream(resource)) {
      DmnResource.Outcome outcome = DmnResource.parse(resource, in.readAllBytes());
      return assertInstanceOf(DmnResource.Outcome.Parsed.class, outcome, outcome.toString()).drg();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void parsesTheGraphWithItsDecisionsInDocumentOrder() {
    ParsedDrg drg = drg("dmn/discount.dmn");
    assertEquals("discount-rules", drg.id());
    assertEquals("Discount rules", drg.name());
    assertEquals(List.of(new ParsedDrg.DecisionHeader("discount", "Discount"),
        new ParsedDrg.DecisionHeader("final-price", "Final price")), drg.decisions());
  }

  @Test
  void decisionTableOutputWithMatchedRuleAndInputs() {
    DecisionResult r = evaluator.evaluate(drg("dmn/discount.dmn"), "discount",
        Map.of("customerType", "gold", "orderAmount", 150));
    assertFalse(r.failed(), r.failureMessage());
    assertEquals(0.15, r.output());
    DecisionResult.EvaluatedDecision d = r.evaluatedDecisions().get(0);
    assertEquals("DECISION_TABLE", d.decisionType());
    assertEquals(List.of(new DecisionResult.EvaluatedInput("Input_customerType", "Customer type", "gold"),
        new DecisionResult.EvaluatedInput("Input_orderAmount", "Order amount", 150L)), d.inputs());
    assertEquals(List.of(new DecisionResult.MatchedRule("Rule_gold_large", 1,
        List.of(new DecisionResult.EvaluatedOutput("Output_discount", "discount", 0.15)))), d.matchedRules());
  }

  @Test
  void requiredDecisionsAreEvaluatedFirstAndListed() {
    DecisionResult r = evaluator.evaluate(drg("dmn/discount.dmn"), "final-price",
        Map.of("customerType", "silver", "orderAmount", 200));
    assertFalse(r.failed(), r.failureMessage());
    assertEquals(190L, r.output());
    assertEquals(List.of("discount", "final-price"),
        r.evaluatedDecisions().stream().map(DecisionResult.EvaluatedDecision::decisionId).toList());
    assertEquals("Rule_silver", r.evaluatedDecisions().get(0).matchedRules().get(0).ruleId());
    assertEquals(3, r.evaluatedDecisions().get(0).matchedRules().get(0).ruleIndex());
    assertEquals("LITERAL_EXPRESSION", r.evaluatedDecisions().get(1).decisionType());
  }

  @Test
  void noMatchingRuleIsANullOutputNotAFailure() {
    DecisionResult r = evaluator.evaluate(drg("dmn/discount.dmn"), "discount",
        Map.of("customerType", "bronze", "orderAmount", 10));
    assertFalse(r.failed(), r.failureMessage());
    assertNull(r.output());
    assertTrue(r.evaluatedDecisions().get(0).matchedRules().isEmpty());
  }

  @Test
  void severalOutputsAreOneContext() {
    DecisionResult r = evaluator.evaluate(drg("dmn/risk.dmn"), "risk", Map.of("country", "DE"));
    assertFalse(r.failed(), r.failureMessage());
    assertEquals(Map.of("level", "low", "review", false), r.output());
  }

  @Test
  void aBoxedContextDecisionGivesItsEntriesAsOneObject() {
    String xml = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="ctx-graph" name="ctx"
            namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="ctx" name="Context">
            <context id="Context_1">
              <contextEntry><variable id="Variable_a" name="a" />
                <literalExpression id="LiteralExpression_a"><text>x + 1</text></literalExpression></contextEntry>
              <contextEntry><variable id="Variable_b" name="b" />
                <literalExpression id="LiteralExpression_b"><text>a * 10</text></literalExpression></contextEntry>
            </context>
          </decision>
        </definitions>
        """;
    DmnResource.Outcome outcome = DmnResource.parse("ctx.dmn", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ParsedDrg drg = assertInstanceOf(DmnResource.Outcome.Parsed.class, outcome, outcome.toString()).drg();
    DecisionResult r = evaluator.evaluate(drg, "ctx", Map.of("x", 1));
    assertFalse(r.failed(), r.failureMessage());
    assertEquals(Map.of("a", 2L, "b", 20L), r.output());
    assertEquals("CONTEXT", r.evaluatedDecisions().get(0).decisionType());
  }

  @Test
  void nowIsTheClockOfTheCaller() {
    String xml = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="clock-graph" name="clock"
            namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="today" name="Today">
            <literalExpression id="LiteralExpression_today"><text>string(today())</text></literalExpression>
          </decision>
        </definitions>
        """;
    ParsedDrg drg = ((DmnResource.Outcome.Parsed) DmnResource.parse("clock.dmn",
        xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).drg();
    assertEquals("2026-01-01", evaluator.evaluate(drg, "today", Map.of()).output());
  }

  @Test
  void aViolatedHitPolicyIsAFailureNamingTheDecision() {
    DecisionResult r = evaluator.evaluate(drg("dmn/risk.dmn"), "risk", Map.of("country", "AT"));
    assertTrue(r.failed());
    assertEquals("risk", r.failedDecisionId());
    assertTrue(r.failureMessage().startsWith("Expected to evaluate decision 'risk', but "), r.failureMessage());
    assertNull(r.output());
  }

  @Test
  void anUnknownDecisionIsAFailure() {
    DecisionResult r = evaluator.evaluate(drg("dmn/risk.dmn"), "nope", Map.of());
    assertTrue(r.failed());
    assertEquals("nope", r.failedDecisionId());
  }

  @Test
  void malformedOrEmptyResourcesAreRefusedNamingTheResource() {
    DmnResource.Outcome broken = DmnResource.parse("broken.dmn", "<definitions".getBytes());
    String message = assertInstanceOf(DmnResource.Outcome.Rejected.class, broken).message();
    assertTrue(message.startsWith("'broken.dmn'"), message);
    DmnResource.Outcome notDmn = DmnResource.parse("other.dmn",
        "<?xml version=\"1.0\"?><foo xmlns=\"urn:x\"/>".getBytes());
    assertInstanceOf(DmnResource.Outcome.Rejected.class, notDmn);
  }
}
