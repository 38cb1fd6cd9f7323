package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.processing.UserTaskAnswers;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.behavior.UserTaskBehavior;
import dev.modelgate.engine.processing.Command.UpdateUserTask;

/** Changes candidates, dates or priority of a created Camunda user task; answered after its listeners. */
public final class UpdateUserTaskProcessor implements TypedCommandProcessor<UpdateUserTask> {
  private final BpmnBehaviors b;
  private final UserTaskAnswers answers;

  public UpdateUserTaskProcessor(BpmnBehaviors b, UserTaskAnswers answers) {
    this.b = b;
    this.answers = answers;
  }

  @Override
  public Object process(UpdateUserTask c, Responder responder) {
    UserTask.Changes changes = c.changes() == null ? UserTask.Changes.NONE : c.changes();
    if (changes.assignee() != null) {
      return Rejection.invalid("Expected to update user task with key '" + c.userTaskKey()
          + "' without 'assignee' (assign or unassign it instead)");
    }
    String invalid = UserTaskBehavior.invalidChange(changes);
    if (invalid != null) {
      return Rejection.invalid("Expected to update user task with key '" + c.userTaskKey() + "', but " + invalid);
    }
    Object found = UserTaskLookup.created(b.state, c.userTaskKey(), "update");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    answers.await(task.key(), responder, new Results.Empty());
    b.userTasks.update(task, changes, UserTaskLookup.action(c.action(), "update"));
    return null;
  }
}
