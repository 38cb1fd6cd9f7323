package dev.modelgate.engine.event;

import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that happened in the engine, as the facts processing produced. The state changes only
 * by applying these, one {@link EventApplier applier} method per kind, both while processing (the
 * {@link dev.modelgate.engine.processing.StateWriter} appends an event and applies it at once) and on
 * replay (the log's events applied in order, no processor involved). Each event carries every value
 * its applier needs (keys, deadlines, variable values), so applying never evaluates or reads the clock.
 *
 * <p>{@link #key()} is the key of the entity the event is about (Zeebe's record key), or -1.
 */
public sealed interface EngineEvent {

  long key();

  // ------------------------------------------------------------------ deployment

  /** A new process version; {@code process} is the transformed model when known (never logged). */
  record ProcessDeployed(long key, String bpmnProcessId, int version, String resourceName, String digest,
      byte[] resource, ExecutableProcess process) implements EngineEvent {}

  /** A deployment (its key is answered to the client). */
  record DeploymentCreated(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ element instances

  /** A new element instance (for the process element: a new process instance), in state ACTIVATING. */
  record ElementActivating(long key, long processInstanceKey, long parentKey, long processDefinitionKey,
      String elementId, boolean multiInstanceBody, long callingInstanceKey, int loopCounter,
      Map<String, Object> eventVariables) implements EngineEvent {}

  /** An activation that stopped at an incident starts again. */
  record ElementActivationRetried(long key) implements EngineEvent {}

  record ElementActivated(long key) implements EngineEvent {}

  record ElementCompleting(long key) implements EngineEvent {}

  /** The instance is done and removed from its flow scope. */
  record ElementCompleted(long key) implements EngineEvent {}

  record ElementTerminating(long key) implements EngineEvent {}

  /** The instance was terminated and removed from its flow scope. */
  record ElementTerminated(long key) implements EngineEvent {}

  /** A sequence flow was taken in a flow scope; into a joining gateway it leaves a token there. */
  record SequenceFlowTaken(long scopeKey, long processInstanceKey, String flowId, String targetId, boolean joining)
      implements EngineEvent {
    @Override
    public long key() {
      return -1;
    }
  }

  /** A joining gateway fired: one token per incoming flow is consumed. */
  record JoinTokensConsumed(long scopeKey, String gatewayId) implements EngineEvent {
    @Override
    public long key() {
      return -1;
    }
  }

  /** A terminate end event dropped every token waiting in its scope. */
  record JoinTokensCleared(long scopeKey) implements EngineEvent {
    @Override
    public long key() {
      return -1;
    }
  }

  /** A call activity's called instance ({@code calledInstanceKey} -1: no longer linked). */
  record CalledInstanceLinked(long key, long calledInstanceKey) implements EngineEvent {}

  /** The variables of the event that activated the element were applied (they are then dropped). */
  record EventVariablesConsumed(long key) implements EngineEvent {}

  /** A multi-instance body evaluated its input collection. */
  record MultiInstanceStarted(long key, List<Object> inputCollection) implements EngineEvent {}

  /** A process instance started by a message with a correlation key holds that key until it ends. */
  record MessageStartRegistered(long key, String uniquenessKey) implements EngineEvent {}

  // ------------------------------------------------------------------ variables

  /** A variable set in a scope (created or updated). */
  record VariableSet(long scopeKey, long processInstanceKey, String name, Object value) implements EngineEvent {
    @Override
    public long key() {
      return -1;
    }
  }

  /** A SetVariables command was applied (its key is answered to the client). */
  record VariableDocumentUpdated(long key, long scopeKey) implements EngineEvent {}

  // ------------------------------------------------------------------ jobs

  record JobCreated(long key, String type, long elementInstanceKey, long processInstanceKey, String bpmnProcessId,
      int processDefinitionVersion, long processDefinitionKey, String elementId, Map<String, String> customHeaders,
      int retries) implements EngineEvent {}

  record JobActivated(long key, String worker, long deadline) implements EngineEvent {}

  record JobCompleted(long key) implements EngineEvent {}

  /** A failed job: back to the workers (after {@code recurAt} when > 0), or FAILED without retries. */
  record JobFailed(long key, int retries, String errorMessage, long recurAt) implements EngineEvent {}

  record JobErrorThrown(long key, String errorMessage) implements EngineEvent {}

  record JobRetriesUpdated(long key, int retries) implements EngineEvent {}

  record JobTimeoutUpdated(long key, long deadline) implements EngineEvent {}

  record JobTimedOut(long key) implements EngineEvent {}

  /** A job is activatable again: its back-off ended, or its incident was resolved with retries left. */
  record JobRecurred(long key) implements EngineEvent {}

  record JobCanceled(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ timers

  /** A timer; {@code elementInstanceKey} -1 for a timer start event. */
  record TimerCreated(long key, long elementInstanceKey, long processDefinitionKey, String targetElementId, long due,
      int repetitions, String interval) implements EngineEvent {}

  record TimerTriggered(long key) implements EngineEvent {}

  record TimerCanceled(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ messages

  record MessageSubscriptionCreated(long key, long elementInstanceKey, long processInstanceKey, String messageName,
      String correlationKey, String targetElementId, boolean interrupting) implements EngineEvent {}

  /** A message reached a subscription; an interrupting one is closed by it. */
  record MessageSubscriptionCorrelated(long key, boolean interrupting) implements EngineEvent {}

  record MessageSubscriptionDeleted(long key) implements EngineEvent {}

  /** A published message; buffered until {@code expiresAt} when that is > 0. */
  record MessagePublished(long key, String name, String correlationKey, String messageId,
      Map<String, Object> variables, long expiresAt, Set<Long> correlatedProcessInstances) implements EngineEvent {}

  /** A buffered message was correlated to a process instance (at most once per instance). */
  record MessageCorrelated(long key, long processInstanceKey) implements EngineEvent {}

  record MessageExpired(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ incidents

  record IncidentCreated(long key, IncidentType type, String message, long processInstanceKey,
      long elementInstanceKey, long jobKey, RetryStep retry) implements EngineEvent {}

  record IncidentResolved(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ rejections

  /** A command the engine refused; changes nothing, kept for the record (Zeebe logs rejections too). */
  record CommandRejected(String command, String rejectionType, String reason) implements EngineEvent {
    @Override
    public long key() {
      return -1;
    }
  }
}
