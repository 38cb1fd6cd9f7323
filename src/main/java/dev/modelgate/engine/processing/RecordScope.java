package dev.modelgate.engine.processing;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.MessageSubscription;
import dev.modelgate.engine.state.SignalSubscription;
import dev.modelgate.engine.state.Timer;
import dev.modelgate.engine.state.UserTask;

/** The process instance an event belongs to, read from the state before the event is applied. */
final class RecordScope {
  private RecordScope() {}

  static long processInstanceOf(EngineEvent event, EngineState state) {
    return switch (event) {
      case EngineEvent.ElementActivating e -> e.processInstanceKey();
      case EngineEvent.SequenceFlowTaken e -> e.processInstanceKey();
      case EngineEvent.VariableSet e -> e.processInstanceKey();
      case EngineEvent.JobCreated e -> e.processInstanceKey();
      case EngineEvent.MessageSubscriptionCreated e -> e.processInstanceKey();
      case EngineEvent.MessageCorrelated e -> e.processInstanceKey();
      case EngineEvent.IncidentCreated e -> e.processInstanceKey();
      case EngineEvent.MessageStartRegistered e -> e.key();
      case EngineEvent.JoinTokensConsumed e -> instance(state, e.scopeKey());
      case EngineEvent.JoinTokensCleared e -> instance(state, e.scopeKey());
      case EngineEvent.VariableDocumentUpdated e -> instance(state, e.scopeKey());
      case EngineEvent.ElementActivationRetried e -> instance(state, e.key());
      case EngineEvent.ElementActivated e -> instance(state, e.key());
      case EngineEvent.ElementCompleting e -> instance(state, e.key());
      case EngineEvent.ElementCompleted e -> instance(state, e.key());
      case EngineEvent.ElementTerminating e -> instance(state, e.key());
      case EngineEvent.ElementTerminated e -> instance(state, e.key());
      case EngineEvent.CalledInstanceLinked e -> instance(state, e.key());
      case EngineEvent.EventVariablesConsumed e -> instance(state, e.key());
      case EngineEvent.MultiInstanceStarted e -> instance(state, e.key());
      case EngineEvent.JobActivated e -> job(state, e.key());
      case EngineEvent.JobCompleted e -> job(state, e.key());
      case EngineEvent.JobFailed e -> job(state, e.key());
      case EngineEvent.JobErrorThrown e -> job(state, e.key());
      case EngineEvent.JobRetriesUpdated e -> job(state, e.key());
      case EngineEvent.JobTimeoutUpdated e -> job(state, e.key());
      case EngineEvent.JobTimedOut e -> job(state, e.key());
      case EngineEvent.JobRecurred e -> job(state, e.key());
      case EngineEvent.JobCanceled e -> job(state, e.key());
      case EngineEvent.TimerCreated e -> e.elementInstanceKey() < 0 ? -1 : instance(state, e.elementInstanceKey());
      case EngineEvent.TimerTriggered e -> timer(state, e.key());
      case EngineEvent.TimerCanceled e -> timer(state, e.key());
      case EngineEvent.MessageSubscriptionCorrelated e -> subscription(state, e.key());
      case EngineEvent.MessageSubscriptionDeleted e -> subscription(state, e.key());
      case EngineEvent.SignalSubscriptionCreated e -> e.processInstanceKey();
      case EngineEvent.SignalSubscriptionTriggered e -> signalSubscription(state, e.key());
      case EngineEvent.SignalSubscriptionDeleted e -> signalSubscription(state, e.key());
      case EngineEvent.SignalBroadcast e -> -1;
      case EngineEvent.IncidentResolved e -> {
        Incident i = state.incidents.get(e.key());
        yield i == null ? -1 : i.processInstanceKey();
      }
      case EngineEvent.ExecutionListenersStarted e -> instance(state, e.key());
      case EngineEvent.ExecutionListenerDone e -> instance(state, e.key());
      case EngineEvent.UserTaskCreating e -> e.task().processInstanceKey();
      case EngineEvent.UserTaskTransitionStarted e -> userTask(state, e.key());
      case EngineEvent.UserTaskListenerDone e -> userTask(state, e.key());
      case EngineEvent.UserTaskTransitionRetried e -> userTask(state, e.key());
      case EngineEvent.UserTaskTransitionFinished e -> userTask(state, e.key());
      case EngineEvent.UserTaskTransitionDenied e -> userTask(state, e.key());
      case EngineEvent.UserTaskCompleted e -> userTask(state, e.key());
      case EngineEvent.UserTaskCanceling e -> userTask(state, e.key());
      case EngineEvent.UserTaskCanceled e -> userTask(state, e.key());
      case EngineEvent.ProcessDeployed e -> -1;
      case EngineEvent.DeploymentCreated e -> -1;
      case EngineEvent.DecisionRequirementsDeployed e -> -1;
      case EngineEvent.DecisionDeployed e -> -1;
      case EngineEvent.DeployedDecisionsBound e -> -1;
      case EngineEvent.DecisionEvaluated e -> e.processInstanceKey();
      case EngineEvent.MessagePublished e -> -1;
      case EngineEvent.MessageExpired e -> -1;
      case EngineEvent.CommandRejected e -> -1;
      case EngineEvent.CompensationSubscriptionCreated e -> e.processInstanceKey();
      case EngineEvent.CompensationSubscriptionTriggered e -> compensation(state, e.key());
      case EngineEvent.CompensationSubscriptionDeleted e -> compensation(state, e.key());
    };
  }

  private static long instance(EngineState state, long key) {
    ElementInstance i = state.instances.get(key);
    return i == null ? -1 : i.processInstanceKey;
  }

  private static long job(EngineState state, long key) {
    Job j = state.jobs.get(key);
    return j == null ? -1 : j.processInstanceKey;
  }

  private static long userTask(EngineState state, long key) {
    UserTask t = state.userTasks.get(key);
    return t == null ? -1 : t.processInstanceKey();
  }

  private static long timer(EngineState state, long key) {
    Timer t = state.timers.get(key);
    return t == null || t.elementInstanceKey() < 0 ? -1 : instance(state, t.elementInstanceKey());
  }

  private static long signalSubscription(EngineState state, long key) {
    SignalSubscription s = state.signalSubscriptions.get(key);
    return s == null ? -1 : s.processInstanceKey();
  }

  private static long compensation(EngineState state, long key) {
    var c = state.compensations.get(key);
    return c == null ? -1 : c.processInstanceKey;
  }

  private static long subscription(EngineState state, long key) {
    MessageSubscription s = state.subscriptions.get(key);
    return s == null ? -1 : s.processInstanceKey();
  }
}
