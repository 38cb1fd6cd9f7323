package dev.modelgate.engine.model;

import org.camunda.feel.syntaxtree.ParsedExpression;

/** A value in a BPMN attribute: either a static value or a parsed FEEL expression. */
public sealed interface Expression {

  /** A literal attribute value. */
  record Static(String value) implements Expression {}

  /** A FEEL expression (the attribute started with {@code =}, or the attribute is always FEEL). */
  record Feel(String text, ParsedExpression parsed) implements Expression {}
}
