package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Command.ExpireMessage;
import dev.modelgate.engine.processing.Command.RecurJob;
import dev.modelgate.engine.processing.Command.Tick;
import dev.modelgate.engine.processing.Command.TimeOutJob;
import dev.modelgate.engine.processing.Command.TriggerTimer;
import dev.modelgate.engine.processing.JobDispatcher;
import dev.modelgate.engine.processing.ProcessingContext;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.ResultAwaiters;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.EngineState;
import java.util.function.Consumer;

/**
 * The periodic tick: turns what is due (timers, job deadlines, back-offs, message expiry) into the
 * internal commands that handle it, at most a budget per tick, and answers long polls that timed out.
 */
public final class TickProcessor implements TypedCommandProcessor<Tick> {
  private static final int BUDGET = 2_000;
  private final EngineState state;
  private final ProcessingContext ctx;
  private final JobDispatcher dispatcher;
  private final ResultAwaiters awaiters;
  private final Consumer<Command> internal;

  /** {@code internal} processes a command the tick raised, as the writer processes any other. */
  public TickProcessor(EngineState state, ProcessingContext ctx, JobDispatcher dispatcher, ResultAwaiters awaiters,
      Consumer<Command> internal) {
    this.state = state;
    this.ctx = ctx;
    this.dispatcher = dispatcher;
    this.awaiters = awaiters;
    this.internal = internal;
  }

  @Override
  public Object process(Tick c, Responder responder) {
    long now = ctx.now();
    int budget = BUDGET;
    while (budget-- > 0 && !state.timersByDue.isEmpty() && state.timersByDue.first()[0] <= now) {
      internal.accept(new TriggerTimer(state.timersByDue.first()[1]));
    }
    while (budget-- > 0 && !state.jobDeadlines.isEmpty() && state.jobDeadlines.first()[0] <= now) {
      internal.accept(new TimeOutJob(state.jobDeadlines.first()[1]));
    }
    while (budget-- > 0 && !state.jobBackoffs.isEmpty() && state.jobBackoffs.first()[0] <= now) {
      internal.accept(new RecurJob(state.jobBackoffs.first()[1]));
    }
    while (budget-- > 0 && !state.messagesByExpiry.isEmpty() && state.messagesByExpiry.first()[0] <= now) {
      internal.accept(new ExpireMessage(state.messagesByExpiry.first()[1]));
    }
    dispatcher.expire();
    awaiters.dropCancelled();
    return null;
  }
}
