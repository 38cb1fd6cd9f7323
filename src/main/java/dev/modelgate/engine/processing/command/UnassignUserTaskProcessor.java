package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.processing.UserTaskAnswers;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.processing.Command.UnassignUserTask;

/** Unassigns a created Camunda user task (an assignment to nobody); answered after its listeners. */
public final class UnassignUserTaskProcessor implements TypedCommandProcessor<UnassignUserTask> {
  private final BpmnBehaviors b;
  private final UserTaskAnswers answers;

  public UnassignUserTaskProcessor(BpmnBehaviors b, UserTaskAnswers answers) {
    this.b = b;
    this.answers = answers;
  }

  @Override
  public Object process(UnassignUserTask c, Responder responder) {
    Object found = UserTaskLookup.created(b.state, c.userTaskKey(), "unassign");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    answers.await(task.key(), responder, new Results.Empty());
    b.userTasks.assign(task, null, UserTaskLookup.action(c.action(), "unassign"));
    return null;
  }
}
