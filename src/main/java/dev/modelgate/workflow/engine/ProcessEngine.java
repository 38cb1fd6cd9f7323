package dev.modelgate.workflow.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The commands the workflow feature sends to the engine. The one implementation,
 * {@link CamundaProcessEngine}, uses the Camunda client over gRPC, so the embedded engine and a real
 * Zeebe cluster are driven by exactly the same calls; tests of the read model can substitute a fake.
 */
public interface ProcessEngine extends AutoCloseable {

  /** A BPMN resource to deploy: file name and content. */
  record Resource(String name, byte[] content) {}

  /** Deploys the resources; returns the deployed process ids with their versions ("id:version"). */
  List<String> deploy(List<Resource> resources);

  long startInstance(String bpmnProcessId, Map<String, Object> variables);

  /** False when the instance no longer exists (already ended). */
  boolean cancelInstance(long processInstanceKey);

  void publishMessage(String name, String correlationKey, String messageId, Duration timeToLive,
      Map<String, Object> variables);

  /** False when the job no longer exists (its instance ended or was cancelled). */
  boolean completeJob(long jobKey, Map<String, Object> variables);

  /** Gives an active job {@code timeout} more time from now; false when the job no longer exists. */
  boolean extendJob(long jobKey, Duration timeout);

  /** Opens a worker that completes each job with the handler's variables (see {@link BpmnError}). */
  void openWorker(JobHandler handler, Duration jobTimeout);

  /**
   * Opens a worker whose handler only records the job; the job stays active until someone completes
   * it with {@link #completeJob}. Used for human tasks.
   */
  void openHoldingWorker(String jobType, Duration jobTimeout, java.util.function.Consumer<JobInput> handler);

  @Override
  void close();
}
