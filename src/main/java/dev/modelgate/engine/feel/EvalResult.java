package dev.modelgate.engine.feel;

/** The outcome of evaluating an expression: a value, or a failure that becomes an incident. */
public sealed interface EvalResult {

  record Ok(Object value) implements EvalResult {}

  record Failure(String message) implements EvalResult {}

  static EvalResult ok(Object value) {
    return new Ok(value);
  }

  static EvalResult failure(String message) {
    return new Failure(message);
  }
}
