package dev.modelgate.engine.processing;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.state.UserTask;
import java.util.List;

/**
 * Everything the engine can be asked to do. Commands are not logged: processing one produces the events
 * that are (see {@link EngineEvent}). {@link Transient} marks commands that only read or only affect
 * connections (and that the command log of older versions never held).
 */
public sealed interface Command {

  /** Commands that only read, or only affect connections. */
  sealed interface Transient extends Command {}

  record Resource(String name, byte[] content) {}

  record Deploy(List<Resource> resources) implements Command {}

  record CreateInstance(long definitionKey, String bpmnProcessId, int version, String variables)
      implements Command {}

  record CancelInstance(long processInstanceKey) implements Command {}

  /** {@code result} (null if none) is what a task listener decides: deny the transition, or correct the task. */
  record CompleteJob(long jobKey, String variables, JobResult result) implements Command {
    public CompleteJob(long jobKey, String variables) {
      this(jobKey, variables, null);
    }
  }

  /** A job's result, as Camunda's CompleteJob carries it for user task listeners. */
  record JobResult(boolean denied, String deniedReason, UserTask.Changes corrections) {}

  /** Assigns a Camunda user task; {@code allowOverride} false refuses to replace another assignee (a claim). */
  record AssignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride) implements Command {}

  record UnassignUserTask(long userTaskKey, String action) implements Command {}

  /** Changes candidates, dates or priority of a Camunda user task (null fields stay as they are). */
  record UpdateUserTask(long userTaskKey, UserTask.Changes changes, String action) implements Command {}

  record CompleteUserTask(long userTaskKey, String variables, String action) implements Command {}

  /** Reads one Camunda user task as it is now (answers a {@link UserTask}). */
  record GetUserTask(long userTaskKey) implements Transient {}

  /** Reads the Camunda user tasks there are now (answers a {@code List<UserTask>}). */
  record ListUserTasks() implements Transient {}

  record FailJob(long jobKey, int retries, String errorMessage, long retryBackOff, String variables)
      implements Command {}

  record ThrowError(long jobKey, String errorCode, String errorMessage, String variables) implements Command {}

  record UpdateJobRetries(long jobKey, int retries) implements Command {}

  record UpdateJobTimeout(long jobKey, long timeout) implements Command {}

  record PublishMessage(String name, String correlationKey, long timeToLive, String messageId, String variables)
      implements Command {}

  /**
   * Correlates a message as a publication does, but without buffering it ({@code POST
   * /v2/messages/correlation}): answers {@link Results.MessageCorrelation} (the first process instance
   * reached), or NOT_FOUND when nothing correlates.
   */
  record CorrelateMessage(String name, String correlationKey, String variables) implements Command {}

  /**
   * Broadcasts a signal (the BroadcastSignal RPC, and {@code POST /v2/signals/broadcast}): answers
   * {@link Results.Key} with the signal's key.
   */
  record BroadcastSignal(String signalName, String variables) implements Command {}

  record SetVariables(long elementInstanceKey, String variables, boolean local) implements Command {}

  record ResolveIncident(long incidentKey) implements Command {}

  /**
   * Evaluate a decision: by key when {@code decisionKey > 0}, else the latest version of {@code decisionId}.
   * Not transient: an evaluation takes a key and is written as a DecisionEvaluated event, as Zeebe records
   * every decision evaluation.
   */
  record EvaluateDecision(long decisionKey, String decisionId, String variables) implements Command {}

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

  /** A digest of the whole state, answered once everything before it is durable (for tests and checks). */
  record Fingerprint() implements Transient {}
}
