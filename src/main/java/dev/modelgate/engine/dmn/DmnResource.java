package dev.modelgate.engine.dmn;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import scala.util.Either;

/** Parses one DMN resource into a decision requirements graph, or says why it cannot be deployed. */
public final class DmnResource {
  /**
   * Parsing needs no clock; one engine serves every deployment (it keeps no state between calls). Built on
   * first use: the DMN engine takes seconds to load, and an engine without decisions never needs it.
   */
  private static final class Parser {
    static final DmnEngine ENGINE = DecisionEvaluator.newDmnEngine(() -> 0L);
  }

  private DmnResource() {}

  /** The outcome of parsing one resource. */
  public sealed interface Outcome {
    record Parsed(ParsedDrg drg) implements Outcome {}

    record Rejected(String message) implements Outcome {}
  }

  public static boolean isDmn(String resourceName) {
    return resourceName.toLowerCase().endsWith(".dmn");
  }

  /** Synchronized: the DMN engine behind it is shared, and parsing is rare (deployment, start-up). */
  public static synchronized Outcome parse(String resourceName, byte[] content) {
    Either<DmnEngine.Failure, ParsedDmn> parsed;
    try {
      parsed = Parser.ENGINE.parse(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      return new Outcome.Rejected("'" + resourceName + "': malformed DMN: " + e.getMessage());
    }
    if (parsed.isLeft()) {
      return new Outcome.Rejected("'" + resourceName + "': " + parsed.left().get().message());
    }
    ParsedDmn dmn = parsed.right().get();
    DmnModelInstance model = dmn.model();
    Definitions definitions = model.getDefinitions();
    if (definitions == null || definitions.getId() == null || definitions.getId().isBlank()) {
      return new Outcome.Rejected("'" + resourceName + "': the DMN definitions element has no id");
    }
    List<ParsedDrg.DecisionHeader> decisions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Decision d : model.getModelElementsByType(Decision.class)) {
      if (d.getId() == null || d.getId().isBlank()) {
        return new Outcome.Rejected("'" + resourceName + "': a decision without an id");
      }
      if (!seen.add(d.getId())) {
        return new Outcome.Rejected("'" + resourceName + "': the decision id '" + d.getId() + "' is used twice");
      }
      decisions.add(new ParsedDrg.DecisionHeader(d.getId(), d.getName() == null ? d.getId() : d.getName()));
    }
    if (decisions.isEmpty()) {
      return new Outcome.Rejected("'" + resourceName + "': the DMN resource contains no decision");
    }
    String name = definitions.getName() == null ? definitions.getId() : definitions.getName();
    return new Outcome.Parsed(new ParsedDrg(definitions.getId(), name, List.copyOf(decisions), dmn));
  }
}
