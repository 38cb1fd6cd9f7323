package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Command.GetUserTask;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.UserTask;

/** Reads one Camunda user task as it is now (a read: it writes no event). */
public final class GetUserTaskProcessor implements TypedCommandProcessor<GetUserTask> {
  private final EngineState state;

  public GetUserTaskProcessor(EngineState state) {
    this.state = state;
  }

  @Override
  public Object process(GetUserTask c, Responder responder) {
    UserTask task = state.userTasks.get(c.userTaskKey());
    if (task == null) {
      return Rejection.notFound("Expected to find user task with key '" + c.userTaskKey()
          + "', but no such user task was found");
    }
    return task;
  }
}
