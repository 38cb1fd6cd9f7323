package dev.modelgate.engine.behavior;

import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.feel.FeelEvaluator;
import dev.modelgate.engine.model.Expression;
import dev.modelgate.engine.state.ElementInstance;
import java.util.List;
import java.util.Map;

/** Evaluates expressions in the variable context of an element instance; failures are values. */
public final class ExpressionBehavior {
  private final VariableBehavior variables;
  private final org.camunda.feel.api.FeelEngineApi feel;

  public ExpressionBehavior(VariableBehavior variables, dev.modelgate.engine.processing.ProcessingContext context) {
    this.variables = variables;
    this.feel = FeelEvaluator.newEngine(context::now);
  }

  public EvalResult evaluate(Expression expression, ElementInstance scope) {
    if (expression == null) {
      return EvalResult.ok(null);
    }
    if (expression instanceof Expression.Static s) {
      return EvalResult.ok(s.value());
    }
    return FeelEvaluator.evaluate(feel, expression, variables.visible(scope));
  }

  public EvalResult evaluate(Expression expression, Map<String, Object> context) {
    if (expression == null) {
      return EvalResult.ok(null);
    }
    if (expression instanceof Expression.Static s) {
      return EvalResult.ok(s.value());
    }
    return FeelEvaluator.evaluate(feel, expression, context);
  }

  public static String describe(Expression expression) {
    return expression instanceof Expression.Feel f ? "=" + f.text() : ((Expression.Static) expression).value();
  }

  /** A string value; numbers are accepted as their text (as Zeebe does for correlation keys). */
  public EvalResult evaluateString(Expression expression, ElementInstance scope, String what) {
    EvalResult r = evaluate(expression, scope);
    if (r instanceof EvalResult.Ok ok) {
      Object v = ok.value();
      if (v instanceof String || v instanceof Number) {
        return EvalResult.ok(String.valueOf(v));
      }
      return EvalResult.failure("expected " + what + " '" + describe(expression)
          + "' to be a string, but it was " + (v == null ? "null" : v));
    }
    return r;
  }

  public EvalResult evaluateBoolean(Expression expression, Map<String, Object> context, String what) {
    EvalResult r = evaluate(expression, context);
    if (r instanceof EvalResult.Ok ok && !(ok.value() instanceof Boolean)) {
      return EvalResult.failure("expected " + what + " '" + describe(expression)
          + "' to be a boolean, but it was " + (ok.value() == null ? "null" : ok.value()));
    }
    return r;
  }

  public EvalResult evaluateList(Expression expression, ElementInstance scope, String what) {
    EvalResult r = evaluate(expression, scope);
    if (r instanceof EvalResult.Ok ok && !(ok.value() instanceof List<?>)) {
      return EvalResult.failure("expected " + what + " '" + describe(expression)
          + "' to be a list, but it was " + (ok.value() == null ? "null" : ok.value()));
    }
    return r;
  }
}
