package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.processing.UserTaskAnswers;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.processing.Command.AssignUserTask;

/** Assigns (or claims: no override of another assignee) a created Camunda user task; answered after its listeners. */
public final class AssignUserTaskProcessor implements TypedCommandProcessor<AssignUserTask> {
  private final BpmnBehaviors b;
  private final UserTaskAnswers answers;

  public AssignUserTaskProcessor(BpmnBehaviors b, UserTaskAnswers answers) {
    this.b = b;
    this.answers = answers;
  }

  @Override
  public Object process(AssignUserTask c, Responder responder) {
    if (c.assignee() == null || c.assignee().isBlank()) {
      return Rejection.invalid("Expected to assign user task with key '" + c.userTaskKey()
          + "' to a non-empty 'assignee'");
    }
    Object found = UserTaskLookup.created(b.state, c.userTaskKey(), "assign");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    String current = task.attributes().assignee();
    if (!c.allowOverride() && current != null && !current.equals(c.assignee())) {
      return Rejection.precondition("Expected to claim user task with key '" + c.userTaskKey()
          + "', but it has already been assigned");
    }
    answers.await(task.key(), responder, new Results.Empty());
    b.userTasks.assign(task, c.assignee(), UserTaskLookup.action(c.action(), c.allowOverride() ? "assign" : "claim"));
    return null;
  }
}
