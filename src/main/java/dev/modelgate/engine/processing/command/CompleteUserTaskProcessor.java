package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.processing.UserTaskAnswers;
import dev.modelgate.engine.state.UserTask;
import dev.modelgate.engine.processing.Command.CompleteUserTask;
import dev.modelgate.engine.util.Json;

/** Completes a created Camunda user task with variables; answered after its completing listeners. */
public final class CompleteUserTaskProcessor implements TypedCommandProcessor<CompleteUserTask> {
  private final BpmnBehaviors b;
  private final UserTaskAnswers answers;

  public CompleteUserTaskProcessor(BpmnBehaviors b, UserTaskAnswers answers) {
    this.b = b;
    this.answers = answers;
  }

  @Override
  public Object process(CompleteUserTask c, Responder responder) {
    String variables = c.variables() == null || c.variables().isBlank() ? "{}" : c.variables();
    try {
      Json.parseObject(variables);
    } catch (IllegalArgumentException e) {
      return Rejection.invalid("Property 'variables' is invalid: " + e.getMessage());
    }
    Object found = UserTaskLookup.created(b.state, c.userTaskKey(), "complete");
    if (found instanceof Rejection r) {
      return r;
    }
    UserTask task = (UserTask) found;
    answers.await(task.key(), responder, new Results.Empty());
    b.userTasks.complete(task, variables, UserTaskLookup.action(c.action(), "complete"));
    return null;
  }
}
