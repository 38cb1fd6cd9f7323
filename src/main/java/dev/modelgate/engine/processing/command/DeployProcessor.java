package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.dmn.DecisionDeployment;
import dev.modelgate.engine.dmn.DmnResource;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.model.ProcessTransformer;
import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Command.Deploy;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.Results.DeployedProcess;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.Decision;
import dev.modelgate.engine.state.ProcessDefinition;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys BPMN and DMN resources: all or nothing; a resource identical to the latest version (same name
 * and content) deploys no new version. A new process version replaces the timer start events of the
 * older one, and is bound to the decisions deployed with it (for {@code bindingType="deployment"}).
 */
public final class DeployProcessor implements TypedCommandProcessor<Deploy> {
  private final BpmnBehaviors b;

  public DeployProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(Deploy c, Responder responder) {
    if (c.resources().isEmpty()) {
      return Rejection.invalid("Expected to deploy at least one resource, but none given");
    }
    List<ExecutableProcess> processes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<DecisionDeployment.Prepared> drgs = new ArrayList<>();
    for (Command.Resource r : c.resources()) {
      String lower = r.name().toLowerCase();
      if (DmnResource.isDmn(r.name())) {
        switch (DmnResource.parse(r.name(), r.content())) {
          case DmnResource.Outcome.Rejected rej -> errors.add(rej.message());
          case DmnResource.Outcome.Parsed p -> drgs.add(new DecisionDeployment.Prepared(r.name(), r.content(), p.drg()));
        }
        continue;
      }
      if (!(lower.endsWith(".bpmn") || lower.endsWith(".xml"))) {
        errors.add("'" + r.name() + "': only BPMN (.bpmn, .xml) and DMN (.dmn) resources are supported by the"
            + " embedded engine");
        continue;
      }
      switch (ProcessTransformer.transform(r.name(), r.content())) {
        case ProcessTransformer.Outcome.Rejected rej -> errors.add(rej.message());
        case ProcessTransformer.Outcome.Transformed t -> {
          for (ExecutableProcess p : t.processes()) {
            processes.add(p);
            names.add(r.name());
            contents.add(r.content());
          }
        }
      }
    }
    errors.addAll(DecisionDeployment.check(drgs, b.state));
    if (!errors.isEmpty()) {
      return Rejection.invalid("Expected to deploy new resources, but encountered the following errors:\n"
          + String.join("\n", errors));
    }
    List<Results.DeployedDecision> decisions = new ArrayList<>();
    List<Results.DeployedDecisionRequirements> requirements = new ArrayList<>();
    for (DecisionDeployment.Deployed d : DecisionDeployment.deploy(drgs, b.state, b.writer)) {
      requirements.add(new Results.DeployedDecisionRequirements(d.drg().drgId(), d.drg().name(), d.drg().version(),
          d.drg().key(), d.drg().resourceName()));
      for (Decision decision : d.decisions()) {
        decisions.add(new Results.DeployedDecision(decision.decisionId(), decision.name(), decision.version(),
            decision.key(), decision.drgId(), decision.decisionRequirementsKey()));
      }
    }
    Map<String, Long> decisionKeys = new LinkedHashMap<>();
    decisions.forEach(d -> decisionKeys.put(d.decisionId(), d.decisionKey()));
    List<DeployedProcess> deployed = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      ExecutableProcess p = processes.get(i);
      String digest = digest(contents.get(i));
      ProcessDefinition latest = b.state.latest(p.bpmnProcessId());
      if (latest != null && latest.digest().equals(digest) && latest.resourceName().equals(names.get(i))) {
        deployed.add(new DeployedProcess(latest.bpmnProcessId(), latest.version(), latest.key(), latest.resourceName()));
        continue;
      }
      long key = b.state.nextKey();
      int version = latest == null ? 1 : latest.version() + 1;
      b.events.cancelStartTimers(p.bpmnProcessId());
      b.writer.append(new EngineEvent.ProcessDeployed(key, p.bpmnProcessId(), version, names.get(i), digest,
          contents.get(i), p));
      if (!decisionKeys.isEmpty()) {
        b.writer.append(new EngineEvent.DeployedDecisionsBound(key, decisionKeys));
      }
      ProcessDefinition definition = b.state.definitions.get(key);
      b.events.scheduleStartTimers(definition);
      deployed.add(new DeployedProcess(definition.bpmnProcessId(), definition.version(), definition.key(),
          definition.resourceName()));
    }
    long deploymentKey = b.state.nextKey();
    b.writer.append(new EngineEvent.DeploymentCreated(deploymentKey));
    return new Results.Deployment(deploymentKey, deployed, decisions, requirements);
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
