package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.SetVariables;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.processing.UserTaskAnswers;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.UserTask;
import java.util.Map;

/** Sets variables in an element instance's scope (local), or where they are defined (propagated). */
public final class SetVariablesProcessor implements TypedCommandProcessor<SetVariables> {
  private final BpmnBehaviors b;
  private final UserTaskAnswers answers;

  public SetVariablesProcessor(BpmnBehaviors b, UserTaskAnswers answers) {
    this.b = b;
    this.answers = answers;
  }

  @Override
  public Object process(SetVariables c, Responder responder) {
    ElementInstance scope = b.state.instances.get(c.elementInstanceKey());
    if (scope == null) {
      return Rejection.notFound("Expected to update variables for element with key '" + c.elementInstanceKey()
          + "', but no such element was found");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    if (b.userTasks.updatesVariablesThroughListeners(scope)) {
      return updateUserTask(scope, c, responder);
    }
    if (c.local()) {
      b.variables.setLocal(scope, variables);
    } else {
      b.variables.propagate(scope, variables);
    }
    long key = b.state.nextKey();
    b.writer.append(new EngineEvent.VariableDocumentUpdated(key, scope.key));
    return new Results.Key(key);
  }

  /**
   * Variables set on the element of a Camunda user task with updating listeners are an update of the
   * task: set (and answered) once the listeners agree, not at all if one denies.
   */
  private Object updateUserTask(ElementInstance scope, SetVariables c, Responder responder) {
    UserTask task = b.userTasks.get(scope.userTaskKey);
    if (task.state() != UserTask.State.CREATED) {
      return Rejection.precondition("Expected to update the variables of user task with key '" + task.key()
          + "', but it is in state '" + task.state() + "'");
    }
    answers.await(task.key(), responder, new Results.Key(b.state.nextKey()));
    b.userTasks.updateVariables(task, c.variables(), c.local());
    return null;
  }
}
