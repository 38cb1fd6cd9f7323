package dev.modelgate.engine.event;

import dev.modelgate.engine.dmn.ParsedDrg;
import dev.modelgate.engine.model.ExecutableProcess;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.UserTask;
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

  // ------------------------------------------------------------------ decisions

  /**
   * A new version of a decision requirements graph (one DMN resource); {@code parsed} is the parsed graph
   * when known (never logged: replay parses the logged resource again).
   */
  record DecisionRequirementsDeployed(long key, String drgId, String name, int version, String resourceName,
      String digest, byte[] resource, ParsedDrg parsed) implements EngineEvent {}

  /** A new version of a decision, belonging to the DRG version deployed just before it. */
  record DecisionDeployed(long key, String decisionId, String name, int version, long decisionRequirementsKey,
      String drgId) implements EngineEvent {}

  /**
   * For {@code bindingType="deployment"}: the decisions (id → decision key) deployed together with a new
   * process version; {@code key} is the process definition key.
   */
  record DeployedDecisionsBound(long key, Map<String, Long> decisionKeysById) implements EngineEvent {}

  /**
   * A decision was evaluated (Zeebe's DecisionEvaluation EVALUATED, or FAILED when {@code failureMessage}
   * is not null), by EvaluateDecision or by a business rule task ({@code processInstanceKey} and {@code
   * elementInstanceKey} -1 otherwise). It changes no state but the key it takes: the outcome is already in
   * the events that follow it (the task's variables, its incident), so replay never evaluates again.
   */
  record DecisionEvaluated(long key, long decisionKey, String decisionId, int decisionVersion,
      long decisionRequirementsKey, long processInstanceKey, long elementInstanceKey, Object output,
      String failedDecisionId, String failureMessage) implements EngineEvent {}

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

  /**
   * A job; {@code kind} tells the element's own job from a listener's ({@code listenerEventType} then
   * names the listener's event, {@code userTaskKey} the user task of a task listener, else -1).
   */
  record JobCreated(long key, String type, long elementInstanceKey, long processInstanceKey, String bpmnProcessId,
      int processDefinitionVersion, long processDefinitionKey, String elementId, Map<String, String> customHeaders,
      int retries, Job.Kind kind, ListenerEventType listenerEventType, long userTaskKey) implements EngineEvent {
    /** The element's own job. */
    public JobCreated(long key, String type, long elementInstanceKey, long processInstanceKey, String bpmnProcessId,
        int processDefinitionVersion, long processDefinitionKey, String elementId, Map<String, String> customHeaders,
        int retries) {
      this(key, type, elementInstanceKey, processInstanceKey, bpmnProcessId, processDefinitionVersion,
          processDefinitionKey, elementId, customHeaders, retries, Job.Kind.BPMN_ELEMENT, null, -1);
    }
  }

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

  // ------------------------------------------------------------------ execution listeners

  /**
   * An element starts the execution listeners of a phase (start or end) from the first. For a process
   * instance's start phase, {@code startEventId} is the start event it activates once they are done
   * (else null: a retry of the phase keeps the one it had).
   */
  record ExecutionListenersStarted(long key, String startEventId) implements EngineEvent {}

  /** The element's running execution listener is done (its job completed): the next one is due. */
  record ExecutionListenerDone(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ Camunda user tasks

  /**
   * A Camunda user task, in state CREATING with its creating transition (the evaluated assignment,
   * schedule and priority); the element instance now waits for it.
   */
  record UserTaskCreating(UserTask task) implements EngineEvent {
    @Override
    public long key() {
      return task.key();
    }
  }

  /**
   * A created task starts a transition (assigning, updating, completing) asked for by a command; its
   * listeners run next. {@code transition} carries what was asked (attributes, variables, action).
   */
  record UserTaskTransitionStarted(long key, UserTask.State state, UserTask.Transition transition)
      implements EngineEvent {}

  /** A task listener of the running transition agreed; {@code proposed} includes its corrections. */
  record UserTaskListenerDone(long key, UserTask.Attributes proposed) implements EngineEvent {}

  /** Resolving an incident of a listener expression retries the transition from its first listener. */
  record UserTaskTransitionRetried(long key) implements EngineEvent {}

  /** The running transition's listeners all agreed: the task is CREATED with the proposed attributes. */
  record UserTaskTransitionFinished(long key) implements EngineEvent {}

  /** A task listener denied the running transition: the task is CREATED as it was before it. */
  record UserTaskTransitionDenied(long key, String reason) implements EngineEvent {}

  /** The task was completed (its completing listeners agreed) and leaves the state. */
  record UserTaskCompleted(long key) implements EngineEvent {}

  /**
   * The task's element ended; the task runs its canceling listeners, whose job types and retries
   * ({@code "retries:type"}) were evaluated while the element still existed.
   */
  record UserTaskCanceling(long key, List<String> cancelingJobTypes) implements EngineEvent {}

  /** The task was canceled (after its canceling listeners, if any) and leaves the state. */
  record UserTaskCanceled(long key) implements EngineEvent {}

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

  // ------------------------------------------------------------------ signals

  /** A signal subscription of a catch event, a boundary event or an event sub-process start. */
  record SignalSubscriptionCreated(long key, long elementInstanceKey, long processInstanceKey, String signalName,
      String targetElementId, boolean interrupting) implements EngineEvent {}

  /** A broadcast reached a subscription; an interrupting one is closed by it. */
  record SignalSubscriptionTriggered(long key, boolean interrupting) implements EngineEvent {}

  record SignalSubscriptionDeleted(long key) implements EngineEvent {}

  /** A signal was broadcast (by the client or a throw event); its key is answered to the client. */
  record SignalBroadcast(long key, String signalName, Map<String, Object> variables) implements EngineEvent {}

  // ------------------------------------------------------------------ incidents

  record IncidentCreated(long key, IncidentType type, String message, long processInstanceKey,
      long elementInstanceKey, long jobKey, RetryStep retry) implements EngineEvent {}

  record IncidentResolved(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ compensation

  /** A completed activity can be compensated (see {@link dev.modelgate.engine.state.CompensationSubscription}). */
  record CompensationSubscriptionCreated(long key, long processInstanceKey, long scopeKey, long activityInstanceKey,
      String activityId, String handlerId, Map<String, Object> variables) implements EngineEvent {}

  /** A compensation throw event invoked the subscription's handler (its instance key chosen beforehand). */
  record CompensationSubscriptionTriggered(long key, long throwEventKey, long handlerInstanceKey)
      implements EngineEvent {}

  /** The subscription is done: its handler completed, it was a triggered container, or its instance ended. */
  record CompensationSubscriptionDeleted(long key) implements EngineEvent {}

  // ------------------------------------------------------------------ rejections

  /** A command the engine refused; changes nothing, kept for the record (Zeebe logs rejections too). */
  record CommandRejected(String command, String rejectionType, String reason) implements EngineEvent {
    @Override
    public long key() {
      return -1;
    }
  }
}
