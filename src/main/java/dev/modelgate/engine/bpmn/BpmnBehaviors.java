package dev.modelgate.engine.bpmn;

import dev.modelgate.engine.behavior.CompensationBehavior;
import dev.modelgate.engine.behavior.ErrorBehavior;
import dev.modelgate.engine.behavior.EscalationBehavior;
import dev.modelgate.engine.behavior.EventSubProcessBehavior;
import dev.modelgate.engine.behavior.EventSubscriptionBehavior;
import dev.modelgate.engine.behavior.ExecutionListenerBehavior;
import dev.modelgate.engine.behavior.ExpressionBehavior;
import dev.modelgate.engine.behavior.IncidentBehavior;
import dev.modelgate.engine.behavior.JobBehavior;
import dev.modelgate.engine.behavior.SignalBehavior;
import dev.modelgate.engine.behavior.StateTransitionBehavior;
import dev.modelgate.engine.behavior.UserTaskBehavior;
import dev.modelgate.engine.behavior.VariableBehavior;
import dev.modelgate.engine.dmn.DecisionBehavior;
import dev.modelgate.engine.processing.ProcessingContext;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.state.EngineState;

/** The shared behaviour classes, wired once and handed to every element processor. */
public final class BpmnBehaviors {
  public final EngineState state;
  public final ProcessingContext context;
  public final VariableBehavior variables;
  public final ExpressionBehavior expressions;
  public final IncidentBehavior incidents;
  public final JobBehavior jobs;
  public final EventSubscriptionBehavior events;
  public final ErrorBehavior errors;
  public final EscalationBehavior escalations;
  public final SignalBehavior signals;
  public final EventSubProcessBehavior eventSubProcesses;
  public final DecisionBehavior decisions;
  public final CompensationBehavior compensation;
  public final StateTransitionBehavior transitions;
  public final UserTaskBehavior userTasks;
  public final ExecutionListenerBehavior executionListeners;
  public final BpmnProcessors processors;
  /** The one way to change state: append an event (applied at once). */
  public final StateWriter writer;

  public BpmnBehaviors(EngineState state, ProcessingContext context, StateWriter writer) {
    this.state = state;
    this.context = context;
    this.writer = writer;
    this.variables = new VariableBehavior(state, writer);
    this.expressions = new ExpressionBehavior(variables, context);
    this.incidents = new IncidentBehavior(state, writer);
    this.jobs = new JobBehavior(state, context, expressions, variables, writer);
    this.decisions = new DecisionBehavior(state, context, writer);
    this.processors = new BpmnProcessors(this);
    this.transitions = new StateTransitionBehavior(this);
    this.events = new EventSubscriptionBehavior(this);
    this.errors = new ErrorBehavior(this);
    this.userTasks = new UserTaskBehavior(this);
    this.executionListeners = new ExecutionListenerBehavior(this);
    this.escalations = new EscalationBehavior(this);
    this.signals = new SignalBehavior(this);
    this.eventSubProcesses = new EventSubProcessBehavior(this);
    this.compensation = new CompensationBehavior(this);
  }
}
