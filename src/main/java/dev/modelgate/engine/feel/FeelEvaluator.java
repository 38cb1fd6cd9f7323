package dev.modelgate.engine.feel;

import dev.modelgate.engine.model.Expression;
import dev.modelgate.engine.util.Json;
import java.util.Map;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/** Parses and evaluates FEEL expressions with the FEEL-Scala engine; failures are values. */
public final class FeelEvaluator {
  /** Used for parsing only; parsing needs no clock. */
  private static final FeelEngineApi PARSER = FeelEngineBuilder.forJava().build();

  private FeelEvaluator() {}

  /** Parses FEEL text (without the leading {@code =}); throws IllegalArgumentException on bad syntax. */
  public static Expression.Feel parse(String text) {
    ParseResult result = PARSER.parseExpression(text);
    if (!result.isSuccess()) {
      throw new IllegalArgumentException(result.failure().message());
    }
    return new Expression.Feel(text, result.parsedExpression());
  }

  /**
   * Parses a Zeebe attribute: {@code =expr} is FEEL, anything else is a static value (null stays
   * null).
   */
  public static Expression attribute(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.startsWith("=")) {
      return parse(v.substring(1));
    }
    return new Expression.Static(value);
  }

  /** Parses an attribute that is always FEEL (an optional leading {@code =} is dropped). */
  public static Expression.Feel always(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    return parse(v.startsWith("=") ? v.substring(1) : v);
  }

  /**
   * An engine for evaluation whose {@code now()} is the time of the command being processed, so
   * that replaying the log gives the same values.
   */
  public static FeelEngineApi newEngine(java.util.function.LongSupplier clockMillis) {
    return FeelEngineBuilder.forJava()
        .withClock(() -> java.time.Instant.ofEpochMilli(clockMillis.getAsLong()).atZone(java.time.ZoneOffset.UTC))
        .build();
  }

  public static EvalResult evaluate(FeelEngineApi engine, Expression expression, Map<String, Object> variables) {
    if (expression instanceof Expression.Static s) {
      return EvalResult.ok(s.value());
    }
    Expression.Feel feel = (Expression.Feel) expression;
    try {
      EvaluationResult result = engine.evaluate(feel.parsed(), variables);
      if (result.isSuccess()) {
        return EvalResult.ok(Json.normalize(result.result()));
      }
      return EvalResult.failure("failed to evaluate expression '" + feel.text() + "': "
          + ((FailedEvaluationResult) result).failure().message());
    } catch (RuntimeException e) {
      return EvalResult.failure("failed to evaluate expression '" + feel.text() + "': " + e);
    }
  }
}
