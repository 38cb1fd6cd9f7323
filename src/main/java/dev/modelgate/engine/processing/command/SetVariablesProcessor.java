package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.SetVariables;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;
import java.util.Map;

/** Sets variables in an element instance's scope (local), or where they are defined (propagated). */
public final class SetVariablesProcessor implements TypedCommandProcessor<SetVariables> {
  private final BpmnBehaviors b;

  public SetVariablesProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(SetVariables c, Responder responder) {
    ElementInstance scope = b.state.instances.get(c.elementInstanceKey());
    if (scope == null) {
      return Rejection.notFound("Expected to update variables for element with key '" + c.elementInstanceKey()
          + "', but no such element was found");
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    if (c.local()) {
      b.variables.setLocal(scope, variables);
    } else {
      b.variables.propagate(scope, variables);
    }
    long key = b.state.nextKey();
    b.writer.append(new EngineEvent.VariableDocumentUpdated(key, scope.key));
    return new Results.Key(key);
  }
}
