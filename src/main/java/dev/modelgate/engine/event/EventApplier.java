package dev.modelgate.engine.event;

import dev.modelgate.engine.state.EngineState;

/**
 * The only code that changes the engine's state: one method per event kind, grouped by the kind of
 * thing the events are about ({@link ElementInstanceAppliers}, {@link VariableAppliers}, {@link
 * JobAppliers}, {@link TimerAppliers}, {@link MessageAppliers}, {@link IncidentAppliers}, {@link
 * DeploymentAppliers}). Appliers only apply: they validate nothing, evaluate nothing and read no
 * clock, so that applying the same events to the same state always gives the same state.
 */
public final class EventApplier {
  private final EngineState state;
  private final DeploymentAppliers deployments;
  private final ElementInstanceAppliers elements;
  private final VariableAppliers variables;
  private final JobAppliers jobs;
  private final TimerAppliers timers;
  private final MessageAppliers messages;
  private final IncidentAppliers incidents;

  public EventApplier(EngineState state) {
    this.state = state;
    this.deployments = new DeploymentAppliers(state);
    this.elements = new ElementInstanceAppliers(state);
    this.variables = new VariableAppliers(state);
    this.jobs = new JobAppliers(state);
    this.timers = new TimerAppliers(state);
    this.messages = new MessageAppliers(state);
    this.incidents = new IncidentAppliers(state);
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
      case EngineEvent.IncidentCreated e -> incidents.created(e);
      case EngineEvent.IncidentResolved e -> incidents.resolved(e);
      case EngineEvent.CommandRejected e -> { }
    }
  }
}
