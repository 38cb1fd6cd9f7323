package dev.modelgate.engine.dmn;

import dev.modelgate.engine.dmn.DecisionResult.EvaluatedDecision;
import dev.modelgate.engine.dmn.DecisionResult.EvaluatedInput;
import dev.modelgate.engine.dmn.DecisionResult.EvaluatedOutput;
import dev.modelgate.engine.dmn.DecisionResult.MatchedRule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedContext;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedFunctionDefinition;
import org.camunda.dmn.parser.ParsedInvocation;
import org.camunda.dmn.parser.ParsedList;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedRelation;
import org.camunda.dmn.parser.ParsedRule;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Evaluates decisions of parsed DRGs with Camunda's DMN engine. Time ({@code now()} in FEEL) comes
 * from the clock given at construction, so that the engine evaluates a decision the same way when it
 * replays a command. Not thread-safe by contract: each owner (the engine's single writer, a feature)
 * keeps its own evaluator.
 *
 * <pre>{@code
 * DecisionEvaluator evaluator = new DecisionEvaluator(System::currentTimeMillis);
 * ParsedDrg drg = ((DmnResource.Outcome.Parsed) DmnResource.parse("gate.dmn", bytes)).drg();
 * DecisionResult r = evaluator.evaluate(drg, "gate", Map.of("coverage", 0.8));
 * }</pre>
 */
public final class DecisionEvaluator {
  private final LongSupplier clockMillis;
  /** Built on first evaluation: the DMN engine takes seconds to load, and many engines never evaluate one. */
  private DmnEngine engine;

  public DecisionEvaluator(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  private DmnEngine engine() {
    if (engine == null) {
      engine = newDmnEngine(clockMillis);
    }
    return engine;
  }

  /** The DMN engine as Zeebe configures it: names with spaces or dashes are referenced escaped. */
  static DmnEngine newDmnEngine(LongSupplier clockMillis) {
    return new DmnEngine.Builder()
        .escapeNamesWithSpaces(true)
        .escapeNamesWithDashes(true)
        .clock(() -> Instant.ofEpochMilli(clockMillis.getAsLong()).atZone(ZoneOffset.UTC))
        .build();
  }

  /** Evaluates the decision {@code decisionId} of {@code drg}; an unknown id is a failed result. */
  public DecisionResult evaluate(ParsedDrg drg, String decisionId, Map<String, Object> variables) {
    Map<String, ParsedDecision> decisions = CollectionConverters.asJava(drg.dmn().decisionsById());
    if (!decisions.containsKey(decisionId)) {
      return new DecisionResult(decisionId, null, List.of(), decisionId, "Expected to evaluate decision '"
          + decisionId + "', but no decision with that id is in the decision requirements graph '" + drg.id() + "'");
    }
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result;
    try {
      result = engine().eval(drg.dmn(), decisionId, new HashMap<>(variables));
    } catch (RuntimeException e) {
      return new DecisionResult(decisionId, null, List.of(), decisionId,
          "Expected to evaluate decision '" + decisionId + "', but the DMN engine failed: " + e);
    }
    if (result.isLeft()) {
      DmnEngine.EvalFailure failure = result.left().get();
      List<EvaluatedDecision> evaluated = evaluated(failure.auditLog(), decisions, decisionId);
      String failed = failedDecision(decisions.get(decisionId), evaluated);
      return new DecisionResult(decisionId, null, evaluated, failed,
          "Expected to evaluate decision '" + decisionId + "', but " + failure.failure().message());
    }
    DmnEngine.EvalResult ok = result.right().get();
    List<EvaluatedDecision> evaluated = evaluated(ok.auditLog(), decisions, decisionId);
    Object output = evaluated.isEmpty() ? null : evaluated.get(evaluated.size() - 1).output();
    return new DecisionResult(decisionId, output, evaluated, null, null);
  }

  /** The decisions of the audit log (not the knowledge models they invoke), the one asked for last. */
  private static List<EvaluatedDecision> evaluated(Audit.AuditLog log, Map<String, ParsedDecision> decisions,
      String rootId) {
    if (log == null) {
      return List.of();
    }
    Map<String, EvaluatedDecision> byId = new LinkedHashMap<>();
    EvaluatedDecision root = null;
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      if (!decisions.containsKey(entry.id()) || byId.containsKey(entry.id())) {
        continue;
      }
      EvaluatedDecision e = describe(entry);
      if (entry.id().equals(rootId)) {
        root = e;
      } else {
        byId.put(entry.id(), e);
      }
    }
    List<EvaluatedDecision> out = new ArrayList<>(byId.values());
    if (root != null) {
      out.add(root);
    }
    return List.copyOf(out);
  }

  private static EvaluatedDecision describe(Audit.AuditLogEntry entry) {
    ParsedDecisionLogic logic = entry.decisionLogic();
    List<EvaluatedInput> inputs = new ArrayList<>();
    List<MatchedRule> rules = new ArrayList<>();
    if (entry.result() instanceof Audit.DecisionTableEvaluationResult table
        && logic instanceof ParsedDecisionTable parsedTable) {
      for (Audit.EvaluatedInput in : CollectionConverters.asJava(table.inputs())) {
        inputs.add(new EvaluatedInput(in.input().id(), in.input().name(), DmnValues.toJava(in.value())));
      }
      List<ParsedRule> allRules = new ArrayList<>(CollectionConverters.asJavaCollection(parsedTable.rules()));
      for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
        List<EvaluatedOutput> outputs = new ArrayList<>();
        for (Audit.EvaluatedOutput o : CollectionConverters.asJava(rule.outputs())) {
          outputs.add(new EvaluatedOutput(o.output().id(), o.output().name(), DmnValues.toJava(o.value())));
        }
        rules.add(new MatchedRule(rule.rule().id(), allRules.indexOf(rule.rule()) + 1, List.copyOf(outputs)));
      }
    }
    return new EvaluatedDecision(entry.id(), entry.name(), typeOf(logic), DmnValues.toJava(entry.result().result()),
        List.copyOf(inputs), List.copyOf(rules));
  }

  private static String typeOf(ParsedDecisionLogic logic) {
    return switch (logic) {
      case ParsedDecisionTable t -> "DECISION_TABLE";
      case ParsedLiteralExpression l -> "LITERAL_EXPRESSION";
      case ParsedContext c -> "CONTEXT";
      case ParsedList l -> "LIST";
      case ParsedRelation r -> "RELATION";
      case ParsedInvocation i -> "INVOCATION";
      case ParsedFunctionDefinition f -> "FUNCTION_DEFINITION";
      case null, default -> "UNKNOWN";
    };
  }

  /** The first decision, required ones before those needing them, that did not evaluate. */
  private static String failedDecision(ParsedDecision root, List<EvaluatedDecision> evaluated) {
    Set<String> done = new LinkedHashSet<>();
    evaluated.forEach(e -> done.add(e.decisionId()));
    String[] failed = {null};
    visit(root, done, new LinkedHashSet<>(), failed);
    return failed[0] == null ? root.id() : failed[0];
  }

  private static void visit(ParsedDecision d, Set<String> done, Set<String> seen, String[] failed) {
    if (failed[0] != null || !seen.add(d.id())) {
      return;
    }
    for (ParsedDecision required : CollectionConverters.asJava(d.requiredDecisions())) {
      visit(required, done, seen, failed);
    }
    if (failed[0] == null && !done.contains(d.id())) {
      failed[0] = d.id();
    }
  }
}
