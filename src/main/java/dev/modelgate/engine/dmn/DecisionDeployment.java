package dev.modelgate.engine.dmn;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.DecisionRequirements;
import dev.modelgate.engine.state.EngineState;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys DMN resources as Zeebe does: each resource is one decision requirements graph (DRG); a
 * resource that differs from the latest version of its DRG makes a new DRG version and a new version
 * of each of its decisions; an unchanged resource (same name, same content) deploys nothing and
 * answers with what is deployed.
 */
public final class DecisionDeployment {

  /** A parsed resource waiting to be deployed. */
  public record Prepared(String resourceName, byte[] content, ParsedDrg drg) {}

  /** A DRG version with its decisions, newly deployed or already there. */
  public record Deployed(DecisionRequirements drg, List<Decision> decisions) {}

  private DecisionDeployment() {}

  /**
   * Checks the parsed resources of one deployment against each other and against what is deployed;
   * returns the problems (empty when they can be deployed).
   */
  public static List<String> check(List<Prepared> resources, EngineState state) {
    List<String> problems = new ArrayList<>();
    Map<String, String> resourceByDrg = new LinkedHashMap<>();
    Map<String, String> resourceByDecision = new LinkedHashMap<>();
    for (Prepared p : resources) {
      String other = resourceByDrg.putIfAbsent(p.drg().id(), p.resourceName());
      if (other != null) {
        problems.add("Expected the decision requirements ids to be unique within a deployment but found a"
            + " duplicated id '" + p.drg().id() + "' in the resources '" + other + "' and '" + p.resourceName() + "'");
      }
      for (ParsedDrg.DecisionHeader d : p.drg().decisions()) {
        String before = resourceByDecision.putIfAbsent(d.id(), p.resourceName());
        if (before != null && !before.equals(p.resourceName())) {
          problems.add("Expected the decision ids to be unique within a deployment but found a duplicated id '"
              + d.id() + "' in the resources '" + before + "' and '" + p.resourceName() + "'");
        }
        Decision deployed = state.latestDecision(d.id());
        if (deployed != null && !deployed.drgId().equals(p.drg().id())) {
          problems.add("'" + p.resourceName() + "': the decision id '" + d.id() + "' is already deployed in the"
              + " decision requirements graph '" + deployed.drgId() + "'; a decision id belongs to one graph");
        }
      }
    }
    return problems;
  }

  /**
   * Deploys checked resources: a DRG whose content changed gets a new version with new versions of its
   * decisions, written as events (new keys); an unchanged one answers with what is deployed.
   */
  public static List<Deployed> deploy(List<Prepared> resources, EngineState state, StateWriter writer) {
    List<Deployed> out = new ArrayList<>();
    for (Prepared p : resources) {
      String digest = digest(p.content());
      DecisionRequirements latest = state.latestDecisionRequirements(p.drg().id());
      if (latest != null && latest.digest().equals(digest) && latest.resourceName().equals(p.resourceName())) {
        out.add(new Deployed(latest, decisionsOf(latest, state)));
        continue;
      }
      long drgKey = state.nextKey();
      writer.append(new EngineEvent.DecisionRequirementsDeployed(drgKey, p.drg().id(), p.drg().name(),
          latest == null ? 1 : latest.version() + 1, p.resourceName(), digest, p.content(), p.drg()));
      for (ParsedDrg.DecisionHeader d : p.drg().decisions()) {
        Decision previous = state.latestDecision(d.id());
        writer.append(new EngineEvent.DecisionDeployed(state.nextKey(), d.id(), d.name(),
            previous == null ? 1 : previous.version() + 1, drgKey, p.drg().id()));
      }
      DecisionRequirements drg = state.decisionRequirements.get(drgKey);
      out.add(new Deployed(drg, decisionsOf(drg, state)));
    }
    return out;
  }

  /** The decisions of one DRG version, in document order. */
  public static List<Decision> decisionsOf(DecisionRequirements drg, EngineState state) {
    List<Decision> out = new ArrayList<>();
    for (ParsedDrg.DecisionHeader h : drg.parsed().decisions()) {
      for (Decision d : state.decisionVersionsById.getOrDefault(h.id(), List.of())) {
        if (d.decisionRequirementsKey() == drg.key()) {
          out.add(d);
        }
      }
    }
    return out;
  }

  static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
