package dev.modelgate.engine.dmn;

import java.util.List;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * A parsed decision requirements graph: the DMN {@code definitions} element's id and name, its
 * decisions in document order, and the DMN engine's parsed form used for evaluation. The parsed form
 * reads its XML model while it evaluates, so one graph is evaluated by one thread at a time.
 */
public record ParsedDrg(String id, String name, List<DecisionHeader> decisions, ParsedDmn dmn) {

  /** A decision of the graph, as deployment lists it. */
  public record DecisionHeader(String id, String name) {}
}
