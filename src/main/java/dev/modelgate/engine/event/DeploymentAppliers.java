package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.ProcessDeployed;
import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.model.ProcessTransformer;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.ProcessDefinition;

/** Appliers of deployment events. */
final class DeploymentAppliers {
  private final EngineState state;

  DeploymentAppliers(EngineState state) {
    this.state = state;
  }

  /** On replay the model is transformed again from the logged resource. */
  void processDeployed(ProcessDeployed e) {
    ExecutableProcess process = e.process() != null ? e.process() : transform(e);
    state.addDefinition(new ProcessDefinition(e.key(), e.bpmnProcessId(), e.version(), e.resourceName(), e.digest(),
        e.resource(), process));
  }

  private static ExecutableProcess transform(ProcessDeployed e) {
    if (ProcessTransformer.transform(e.resourceName(), e.resource())
        instanceof ProcessTransformer.Outcome.Transformed t) {
      for (ExecutableProcess p : t.processes()) {
        if (p.bpmnProcessId().equals(e.bpmnProcessId())) {
          return p;
        }
      }
    }
    throw new IllegalStateException("cannot restore process definition " + e.bpmnProcessId() + " from the log");
  }
}
