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

  /**
   * Publishes a message; false when a message with this id was published before and is still kept (so a
   * delivery repeated after a crash correlates once).
   */
  boolean publishMessage(String name, String correlationKey, String messageId, Duration timeToLive,
      Map<String, Object> variables);

  /** False when the job no longer exists (its instance ended or was cancelled). */
  boolean completeJob(long jobKey, Map<String, Object> variables);

  /** Gives an active job {@code timeout} more time from now; false when the job no longer exists. */
  boolean extendJob(long jobKey, Duration timeout);

  /**
   * Opens a worker that completes each job with the handler's variables (see {@link BpmnError}). Jobs are
   * activated for {@code lease} only and the lease is renewed while the handler runs, so a job whose worker
   * died (a crash) goes back to the engine within one lease, however long handlers may take.
   */
  void openWorker(JobHandler handler, Duration lease);

  /**
   * Opens a worker whose handler only records the job; the job stays active until someone completes it
   * with {@link #completeJob}. Used for human tasks. A job is activated for {@code lease}; once the handler
   * answers that it holds the job (its record is stored) and that record is durable, the job is extended to
   * {@code hold}. A crash between activation and storing therefore hands the job out again within one lease,
   * never after {@code hold}.
   */
  void openHoldingWorker(String jobType, Duration lease, Duration hold,
      java.util.function.Predicate<JobInput> holds);

  @Override
  void close();
}
