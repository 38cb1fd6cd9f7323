package dev.modelgate.engine.history;

/**
 * The current value of a variable in a scope, as JSON text. {@code variableKey} is the log position of
 * the variable's first record (stable, unique).
 */
public record VariableView(long variableKey, String name, String value, long processInstanceKey, long scopeKey) {}
