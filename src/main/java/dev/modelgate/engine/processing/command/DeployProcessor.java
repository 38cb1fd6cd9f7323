package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
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
import dev.modelgate.engine.state.ProcessDefinition;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Deploys BPMN resources: all or nothing; a resource identical to the latest version (same name and
 * content) deploys no new version. A new version replaces the timer start events of the older one.
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
    for (Command.Resource r : c.resources()) {
      String lower = r.name().toLowerCase();
      if (!(lower.endsWith(".bpmn") || lower.endsWith(".xml"))) {
        errors.add("'" + r.name() + "': only BPMN resources (.bpmn, .xml) are supported by the embedded engine");
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
    if (!errors.isEmpty()) {
      return Rejection.invalid("Expected to deploy new resources, but encountered the following errors:\n"
          + String.join("\n", errors));
    }
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
      ProcessDefinition definition = b.state.definitions.get(key);
      b.events.scheduleStartTimers(definition);
      deployed.add(new DeployedProcess(definition.bpmnProcessId(), definition.version(), definition.key(),
          definition.resourceName()));
    }
    long deploymentKey = b.state.nextKey();
    b.writer.append(new EngineEvent.DeploymentCreated(deploymentKey));
    return new Results.Deployment(deploymentKey, deployed);
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
