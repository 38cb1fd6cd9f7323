package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Command.ListUserTasks;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.EngineState;
import java.util.ArrayList;

/** Reads the Camunda user tasks there are now (a read: it writes no event). */
public final class ListUserTasksProcessor implements TypedCommandProcessor<ListUserTasks> {
  private final EngineState state;

  public ListUserTasksProcessor(EngineState state) {
    this.state = state;
  }

  @Override
  public Object process(ListUserTasks c, Responder responder) {
    return new ArrayList<>(state.userTasks.values());
  }
}
