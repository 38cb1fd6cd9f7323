package dev.modelgate.engine.event;

import dev.modelgate.engine.state.EngineState;

/**
 * The only code that changes the engine's state: one method per event kind, grouped by the kind of
 * thing the events are about ({@link ElementInstanceAppliers}, {@link VariableAppliers}, {@link
 * JobAppliers}, {@link TimerAppliers}, {@link MessageAppliers}, {@link SignalAppliers}, {@link DecisionAppliers},
 * {@link CompensationAppliers}, {@link IncidentAppliers}, {@link DeploymentAppliers}, {@link ExecutionListenerAppliers},
 * {@link UserTaskAppliers}). Appliers only apply: they validate nothing, evaluate nothing and read no
 * clock, so that applying the same events to the same state always gives the same state.
 */
public final class EventApplier {
  private final EngineState state;
  private final DeploymentAppliers deployments;
  private final DecisionAppliers decisions;
  private final ElementInstanceAppliers elements;
  private final VariableAppliers variables;
  private final JobAppliers jobs;
  private final TimerAppliers timers;
  private final MessageAppliers messages;
  private final SignalAppliers signals;
  private final IncidentAppliers incidents;
  private final ExecutionListenerAppliers executionListeners;
  private final UserTaskAppliers userTasks;
  private final CompensationAppliers compensations;

  public EventApplier(EngineState state) {
    this.state = state;
    this.deployments = new DeploymentAppliers(state);
    this.decisions = new DecisionAppliers(state);
    this.elements = new ElementInstanceAppliers(state);
    this.variables = new VariableAppliers(state);
    this.jobs = new JobAppliers(state);
    this.timers = new TimerAppliers(state);
    this.messages = new MessageAppliers(state);
    this.signals = new SignalAppliers(state);
    this.incidents = new IncidentAppliers(state);
    this.executionListeners = new ExecutionListenerAppliers(state);
    this.userTasks = new UserTaskAppliers(state);
    this.compensations = new CompensationAppliers(state);
  }

  public EngineState state() {
    return state;
  }

  /** Applies one event; the key generator moves past every key an event carries. */
  public void apply(EngineEvent event) {
    state.keyUsed(event.key());
    switch (event) {
      case EngineEvent.ProcessDeployed e -> deployments.processDeployed(e);
      case EngineEvent.DeploymentCreated e -> { }
      case EngineEvent.DecisionRequirementsDeployed e -> decisions.requirementsDeployed(e);
      case EngineEvent.DecisionDeployed e -> decisions.decisionDeployed(e);
      case EngineEvent.DeployedDecisionsBound e -> decisions.deployedDecisionsBound(e);
      case EngineEvent.DecisionEvaluated e -> { }
      case EngineEvent.ElementActivating e -> elements.activating(e);
      case EngineEvent.ElementActivationRetried e -> elements.activationRetried(e);
      case EngineEvent.ElementActivated e -> elements.activated(e);
      case EngineEvent.ElementCompleting e -> elements.completing(e);
      case EngineEvent.ElementCompleted e -> elements.completed(e);
      case EngineEvent.ElementTerminating e -> elements.terminating(e);
      case EngineEvent.ElementTerminated e -> elements.terminated(e);
      case EngineEvent.SequenceFlowTaken e -> elements.sequenceFlowTaken(e);
      case EngineEvent.JoinTokensConsumed e -> elements.joinTokensConsumed(e);
      case EngineEvent.JoinTokensCleared e -> elements.joinTokensCleared(e);
      case EngineEvent.CalledInstanceLinked e -> elements.calledInstanceLinked(e);
      case EngineEvent.EventVariablesConsumed e -> elements.eventVariablesConsumed(e);
      case EngineEvent.MultiInstanceStarted e -> elements.multiInstanceStarted(e);
      case EngineEvent.MessageStartRegistered e -> elements.messageStartRegistered(e);
      case EngineEvent.VariableSet e -> variables.variableSet(e);
      case EngineEvent.VariableDocumentUpdated e -> { }
      case EngineEvent.JobCreated e -> jobs.created(e);
      case EngineEvent.JobActivated e -> jobs.activated(e);
      case EngineEvent.JobCompleted e -> jobs.completed(e);
      case EngineEvent.JobFailed e -> jobs.failed(e);
      case EngineEvent.JobErrorThrown e -> jobs.errorThrown(e);
      case EngineEvent.JobRetriesUpdated e -> jobs.retriesUpdated(e);
      case EngineEvent.JobTimeoutUpdated e -> jobs.timeoutUpdated(e);
      case EngineEvent.JobTimedOut e -> jobs.timedOut(e);
      case EngineEvent.JobRecurred e -> jobs.recurred(e);
      case EngineEvent.JobCanceled e -> jobs.canceled(e);
      case EngineEvent.TimerCreated e -> timers.created(e);
      case EngineEvent.TimerTriggered e -> timers.triggered(e);
      case EngineEvent.TimerCanceled e -> timers.canceled(e);
      case EngineEvent.MessageSubscriptionCreated e -> messages.subscriptionCreated(e);
      case EngineEvent.MessageSubscriptionCorrelated e -> messages.subscriptionCorrelated(e);
      case EngineEvent.MessageSubscriptionDeleted e -> messages.subscriptionDeleted(e);
      case EngineEvent.MessagePublished e -> messages.published(e);
      case EngineEvent.MessageCorrelated e -> messages.correlated(e);
      case EngineEvent.MessageExpired e -> messages.expired(e);
      case EngineEvent.SignalSubscriptionCreated e -> signals.subscriptionCreated(e);
      case EngineEvent.SignalSubscriptionTriggered e -> signals.subscriptionTriggered(e);
      case EngineEvent.SignalSubscriptionDeleted e -> signals.subscriptionDeleted(e);
      case EngineEvent.SignalBroadcast e -> { }
      case EngineEvent.IncidentCreated e -> incidents.created(e);
      case EngineEvent.IncidentResolved e -> incidents.resolved(e);
      case EngineEvent.CompensationSubscriptionCreated e -> compensations.created(e);
      case EngineEvent.CompensationSubscriptionTriggered e -> compensations.triggered(e);
      case EngineEvent.CompensationSubscriptionDeleted e -> compensations.deleted(e);
      case EngineEvent.CommandRejected e -> { }
      case EngineEvent.ExecutionListenersStarted e -> executionListeners.started(e);
      case EngineEvent.ExecutionListenerDone e -> executionListeners.done(e);
      case EngineEvent.UserTaskCreating e -> userTasks.creating(e);
      case EngineEvent.UserTaskTransitionStarted e -> userTasks.transitionStarted(e);
      case EngineEvent.UserTaskListenerDone e -> userTasks.listenerDone(e);
      case EngineEvent.UserTaskTransitionRetried e -> userTasks.transitionRetried(e);
      case EngineEvent.UserTaskTransitionFinished e -> userTasks.transitionFinished(e);
      case EngineEvent.UserTaskTransitionDenied e -> userTasks.transitionDenied(e);
      case EngineEvent.UserTaskCompleted e -> userTasks.completed(e);
      case EngineEvent.UserTaskCanceling e -> userTasks.canceling(e);
      case EngineEvent.UserTaskCanceled e -> userTasks.canceled(e);
    }
  }
}
