package dev.modelgate.engine.processing;

import dev.modelgate.engine.behavior.ActivatedJobData;
import java.util.List;

/** The values commands answer with. */
public final class Results {
  private Results() {}

  public record DeployedProcess(String bpmnProcessId, int version, long processDefinitionKey, String resourceName) {}

  public record Deployment(long key, List<DeployedProcess> processes) {}

  public record InstanceCreated(long processDefinitionKey, String bpmnProcessId, int version,
      long processInstanceKey) {}

  public record InstanceResult(InstanceCreated instance, String variablesJson) {}

  public record ActivatedJobs(List<ActivatedJobData> jobs) {}

  public record Key(long key) {}

  public record Empty() {}

  public record StateFingerprint(String sha256, long lastPosition) {}
}
