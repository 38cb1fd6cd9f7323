package dev.modelgate.engine.event;

import dev.modelgate.engine.dmn.DmnResource;
import dev.modelgate.engine.dmn.ParsedDrg;
import dev.modelgate.engine.event.EngineEvent.DecisionDeployed;
import dev.modelgate.engine.event.EngineEvent.DecisionRequirementsDeployed;
import dev.modelgate.engine.event.EngineEvent.DeployedDecisionsBound;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.DecisionRequirements;
import dev.modelgate.engine.state.EngineState;

/** Appliers of decision deployment events (a decision evaluation changes no state but its key). */
final class DecisionAppliers {
  private final EngineState state;

  DecisionAppliers(EngineState state) {
    this.state = state;
  }

  /** On replay the graph is parsed again from the logged resource (parsing reads no clock). */
  void requirementsDeployed(DecisionRequirementsDeployed e) {
    ParsedDrg parsed = e.parsed() != null ? e.parsed() : parse(e);
    state.addDecisionRequirements(new DecisionRequirements(e.key(), e.drgId(), e.name(), e.version(),
        e.resourceName(), e.digest(), e.resource(), parsed));
  }

  void decisionDeployed(DecisionDeployed e) {
    state.addDecision(new Decision(e.key(), e.decisionId(), e.name(), e.version(), e.decisionRequirementsKey(),
        e.drgId()));
  }

  void deployedDecisionsBound(DeployedDecisionsBound e) {
    state.bindDeployedDecisions(e.key(), e.decisionKeysById());
  }

  private static ParsedDrg parse(DecisionRequirementsDeployed e) {
    if (DmnResource.parse(e.resourceName(), e.resource()) instanceof DmnResource.Outcome.Parsed p) {
      return p.drg();
    }
    throw new IllegalStateException("cannot restore decision requirements " + e.drgId() + " from the log");
  }
}
