package dev.modelgate.engine.processing;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.event.EventApplier;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.processing.Command.ActivateJobs;
import dev.modelgate.engine.processing.Command.AssignUserTask;
import dev.modelgate.engine.processing.Command.CompleteUserTask;
import dev.modelgate.engine.processing.Command.GetUserTask;
import dev.modelgate.engine.processing.Command.ListUserTasks;
import dev.modelgate.engine.processing.Command.UnassignUserTask;
import dev.modelgate.engine.processing.Command.UpdateUserTask;
import dev.modelgate.engine.processing.Command.AwaitResult;
import dev.modelgate.engine.processing.Command.BroadcastSignal;
import dev.modelgate.engine.processing.Command.CancelInstance;
import dev.modelgate.engine.processing.Command.CloseJobStream;
import dev.modelgate.engine.processing.Command.CompleteJob;
import dev.modelgate.engine.processing.Command.CreateInstance;
import dev.modelgate.engine.processing.Command.Deploy;
import dev.modelgate.engine.processing.Command.EvaluateDecision;
import dev.modelgate.engine.processing.Command.ExpireMessage;
import dev.modelgate.engine.processing.Command.FailJob;
import dev.modelgate.engine.processing.Command.JobsActivated;
import dev.modelgate.engine.processing.Command.OpenJobStream;
import dev.modelgate.engine.processing.Command.CorrelateMessage;
import dev.modelgate.engine.processing.Command.PublishMessage;
import dev.modelgate.engine.processing.Command.RecurJob;
import dev.modelgate.engine.processing.Command.ResolveIncident;
import dev.modelgate.engine.processing.Command.SetVariables;
import dev.modelgate.engine.processing.Command.ThrowError;
import dev.modelgate.engine.processing.Command.Tick;
import dev.modelgate.engine.processing.Command.TimeOutJob;
import dev.modelgate.engine.processing.Command.TriggerTimer;
import dev.modelgate.engine.processing.Command.UpdateJobRetries;
import dev.modelgate.engine.processing.Command.UpdateJobTimeout;
import dev.modelgate.engine.processing.command.ActivateJobsProcessor;
import dev.modelgate.engine.processing.command.AssignUserTaskProcessor;
import dev.modelgate.engine.processing.command.CompleteUserTaskProcessor;
import dev.modelgate.engine.processing.command.GetUserTaskProcessor;
import dev.modelgate.engine.processing.command.ListUserTasksProcessor;
import dev.modelgate.engine.processing.command.UnassignUserTaskProcessor;
import dev.modelgate.engine.processing.command.UpdateUserTaskProcessor;
import dev.modelgate.engine.processing.command.AwaitResultProcessor;
import dev.modelgate.engine.processing.command.BroadcastSignalProcessor;
import dev.modelgate.engine.processing.command.CorrelateMessageProcessor;
import dev.modelgate.engine.processing.command.CancelInstanceProcessor;
import dev.modelgate.engine.processing.command.CloseJobStreamProcessor;
import dev.modelgate.engine.processing.command.CompleteJobProcessor;
import dev.modelgate.engine.processing.command.CreateInstanceProcessor;
import dev.modelgate.engine.processing.command.DeployProcessor;
import dev.modelgate.engine.processing.command.EvaluateDecisionProcessor;
import dev.modelgate.engine.processing.command.ExpireMessageProcessor;
import dev.modelgate.engine.processing.command.FailJobProcessor;
import dev.modelgate.engine.processing.command.JobsActivatedProcessor;
import dev.modelgate.engine.processing.command.OpenJobStreamProcessor;
import dev.modelgate.engine.processing.command.PublishMessageProcessor;
import dev.modelgate.engine.processing.command.RecurJobProcessor;
import dev.modelgate.engine.processing.command.ResolveIncidentProcessor;
import dev.modelgate.engine.processing.command.SetVariablesProcessor;
import dev.modelgate.engine.processing.command.ThrowErrorProcessor;
import dev.modelgate.engine.processing.command.TickProcessor;
import dev.modelgate.engine.processing.command.TimeOutJobProcessor;
import dev.modelgate.engine.processing.command.TriggerTimerProcessor;
import dev.modelgate.engine.processing.command.UpdateJobRetriesProcessor;
import dev.modelgate.engine.processing.command.UpdateJobTimeoutProcessor;
import dev.modelgate.engine.state.EngineState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command side: one {@link TypedCommandProcessor} per command kind, in one table, and the one loop
 * that runs a command through its processor. Only the single writer calls it. A rejected command
 * changes nothing (its rejection is recorded); an accepted one leaves its events in the {@link
 * StateWriter} for the batch's log write, and its reply waits until that write is durable.
 */
public final class CommandProcessors {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommandProcessors.class);
  private final EngineState state;
  private final EventApplier applier;
  private final ProcessingContext ctx = new ProcessingContext();
  private final StateWriter writer;
  private final JobDispatcher dispatcher;
  private final ResultAwaiters awaiters;
  private final UserTaskAnswers userTaskAnswers;
  private final Map<Class<?>, TypedCommandProcessor<?>> table = new HashMap<>();
  private long processedCommands;

  public CommandProcessors(EventApplier applier) {
    this.applier = applier;
    this.state = applier.state();
    this.writer = new StateWriter(applier);
    BpmnBehaviors b = new BpmnBehaviors(state, ctx, writer);
    this.dispatcher = new JobDispatcher(state, ctx, b.jobs);
    this.awaiters = new ResultAwaiters(ctx);
    this.userTaskAnswers = new UserTaskAnswers(ctx, writer);
    b.userTasks.observe(userTaskAnswers);
    CreateInstanceProcessor create = new CreateInstanceProcessor(b);
    register(Deploy.class, new DeployProcessor(b));
    register(CreateInstance.class, create);
    register(AwaitResult.class, new AwaitResultProcessor(b, create, awaiters));
    register(CancelInstance.class, new CancelInstanceProcessor(b));
    register(CompleteJob.class, new CompleteJobProcessor(b));
    register(FailJob.class, new FailJobProcessor(b));
    register(ThrowError.class, new ThrowErrorProcessor(b));
    register(UpdateJobRetries.class, new UpdateJobRetriesProcessor(b));
    register(UpdateJobTimeout.class, new UpdateJobTimeoutProcessor(b));
    register(PublishMessage.class, new PublishMessageProcessor(b));
    register(BroadcastSignal.class, new BroadcastSignalProcessor(b));
    register(CorrelateMessage.class, new CorrelateMessageProcessor(b));
    register(SetVariables.class, new SetVariablesProcessor(b, userTaskAnswers));
    register(ResolveIncident.class, new ResolveIncidentProcessor(b));
    register(EvaluateDecision.class, new EvaluateDecisionProcessor(b));
    register(JobsActivated.class, new JobsActivatedProcessor(b));
    register(TriggerTimer.class, new TriggerTimerProcessor(b));
    register(TimeOutJob.class, new TimeOutJobProcessor(b));
    register(RecurJob.class, new RecurJobProcessor(b));
    register(ExpireMessage.class, new ExpireMessageProcessor(b));
    register(AssignUserTask.class, new AssignUserTaskProcessor(b, userTaskAnswers));
    register(UnassignUserTask.class, new UnassignUserTaskProcessor(b, userTaskAnswers));
    register(UpdateUserTask.class, new UpdateUserTaskProcessor(b, userTaskAnswers));
    register(CompleteUserTask.class, new CompleteUserTaskProcessor(b, userTaskAnswers));
    register(GetUserTask.class, new GetUserTaskProcessor(state));
    register(ListUserTasks.class, new ListUserTasksProcessor(state));
    register(ActivateJobs.class, new ActivateJobsProcessor(dispatcher));
    register(OpenJobStream.class, new OpenJobStreamProcessor(dispatcher));
    register(CloseJobStream.class, new CloseJobStreamProcessor(dispatcher));
    register(Command.Fingerprint.class, (c, r) -> new Results.StateFingerprint(
        dev.modelgate.engine.log.StateFingerprint.of(state), state.lastPosition()));
    register(Tick.class, new TickProcessor(state, ctx, dispatcher, awaiters,
        internal -> process(internal, Responder.NONE, ctx.now())));
  }

  private <C extends Command> void register(Class<C> kind, TypedCommandProcessor<C> processor) {
    table.put(kind, processor);
  }

  public EngineState state() {
    return state;
  }

  public EventApplier applier() {
    return applier;
  }

  /** Commands processed so far by this instance (replay processes none: it only applies events). */
  public long processedCommands() {
    return processedCommands;
  }

  /** Processes a command at time {@code now}; its events stay in the writer until {@link #takeRecords}. */
  public void process(Command command, Responder responder, long now) {
    processedCommands++;
    ctx.setNow(now);
    writer.setTimestamp(now);
    Object result;
    try {
      result = dispatch(command, responder);
    } catch (CommandRejection r) {
      result = r.rejection();
    } catch (RuntimeException e) {
      // an engine bug: the events appended so far are applied and will be logged (the state has them);
      // the caller gets an error
      LOG.error("failed to process {}", command, e);
      ctx.clearAgenda();
      responder.reject(new Rejection(Rejection.Type.INTERNAL, "the embedded engine failed to process the command: "
          + e));
      return;
    }
    if (result instanceof Rejection r) {
      if (responder != Responder.NONE) {
        writer.append(new EngineEvent.CommandRejected(command.getClass().getSimpleName(), r.type().name(),
            r.message()));
      }
      responder.reject(r);
    } else {
      ctx.drainAgenda();
      if (result != null) {
        Object answer = result;
        ctx.afterDurable(() -> responder.succeed(answer));
      }
    }
    dispatcher.dispatch();
  }

  @SuppressWarnings("unchecked")
  private <C extends Command> Object dispatch(C command, Responder responder) {
    TypedCommandProcessor<C> processor = (TypedCommandProcessor<C>) table.get(command.getClass());
    if (processor == null) {
      return new Rejection(Rejection.Type.INTERNAL, "no processor is registered for " + command.getClass()
          .getSimpleName());
    }
    return processor.process(command, responder);
  }

  /** The records of the commands processed since the last call. */
  public List<LoggedRecord> takeRecords() {
    return writer.take();
  }

  public List<Runnable> takeAfterDurable() {
    return ctx.takeAfterDurable();
  }

  /** Whether there is anything the periodic tick has to look at. */
  public boolean hasTimedWork(long now) {
    return (!state.timersByDue.isEmpty() && state.timersByDue.first()[0] <= now)
        || (!state.jobDeadlines.isEmpty() && state.jobDeadlines.first()[0] <= now)
        || (!state.jobBackoffs.isEmpty() && state.jobBackoffs.first()[0] <= now)
        || (!state.messagesByExpiry.isEmpty() && state.messagesByExpiry.first()[0] <= now)
        || dispatcher.hasPollers();
  }

  /** Answers everything that waits (on shutdown). */
  public void abandonWaiting(Rejection reason) {
    dispatcher.abandon(reason);
    awaiters.abandon(reason);
    userTaskAnswers.abandon(reason);
  }
}
