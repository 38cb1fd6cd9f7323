package dev.modelgate.engine.processing;

import java.util.List;

/**
 * Everything the engine can be asked to do. Commands that change state are written to the log
 * (see {@link CommandCodec}) and replayed on start-up; the others are marked {@link Transient}.
 */
public sealed interface Command {

  /** Commands that are never logged (they only read, or only affect connections). */
  sealed interface Transient extends Command {}

  record Resource(String name, byte[] content) {}

  record Deploy(List<Resource> resources) implements Command {}

  record CreateInstance(long definitionKey, String bpmnProcessId, int version, String variables)
      implements Command {}

  record CancelInstance(long processInstanceKey) implements Command {}

  record CompleteJob(long jobKey, String variables) implements Command {}

  record FailJob(long jobKey, int retries, String errorMessage, long retryBackOff, String variables)
      implements Command {}

  record ThrowError(long jobKey, String errorCode, String errorMessage, String variables) implements Command {}

  record UpdateJobRetries(long jobKey, int retries) implements Command {}

  record UpdateJobTimeout(long jobKey, long timeout) implements Command {}

  record PublishMessage(String name, String correlationKey, long timeToLive, String messageId, String variables)
      implements Command {}

  record SetVariables(long elementInstanceKey, String variables, boolean local) implements Command {}

  record ResolveIncident(long incidentKey) implements Command {}

  /** The fact that jobs were handed to a worker (logged instead of the request). */
  record JobsActivated(List<Long> jobKeys, String worker, long timeout) implements Command {}

  record TriggerTimer(long timerKey) implements Command {}

  record TimeOutJob(long jobKey) implements Command {}

  record RecurJob(long jobKey) implements Command {}

  record ExpireMessage(long messageKey) implements Command {}

  /** An ActivateJobs request; long-polls when nothing is activatable. */
  record ActivateJobs(String type, String worker, long timeout, int maxJobs, List<String> fetchVariables,
      long requestTimeoutMillis) implements Transient {}

  record OpenJobStream(long streamId, String type, String worker, long timeout, List<String> fetchVariables)
      implements Transient {}

  record CloseJobStream(long streamId) implements Transient {}

  /** Await the result of a process instance (CreateProcessInstanceWithResult). */
  record AwaitResult(CreateInstance create, List<String> fetchVariables) implements Transient {}

  /** Periodic check of due timers, job deadlines, back-offs, message expiry and poll timeouts. */
  record Tick() implements Transient {}

  /**
   * Reads the state on the writer's thread (the REST API's searches over live state). {@code read} must
   * only read, and must copy what it answers: the state moves on after it returns. Its answer goes out
   * after the batch it was processed in is durable, so a read sees every acknowledged command.
   */
  record ReadState(java.util.function.Function<dev.modelgate.engine.state.EngineState, Object> read)
      implements Transient {}
}
