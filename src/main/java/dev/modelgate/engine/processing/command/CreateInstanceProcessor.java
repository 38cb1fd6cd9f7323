package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Command.CreateInstance;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results.InstanceCreated;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.ProcessDefinition;
import java.util.Map;

/** Creates a process instance at the none start event of a definition (by key, or by id and version). */
public final class CreateInstanceProcessor implements TypedCommandProcessor<CreateInstance> {
  private final BpmnBehaviors b;

  public CreateInstanceProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(CreateInstance c, Responder responder) {
    Object found = findDefinition(c);
    if (found instanceof Rejection r) {
      return r;
    }
    ProcessDefinition definition = (ProcessDefinition) found;
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    ElementInstance root = b.transitions.createProcessInstance(definition, variables, null, null, -1);
    return new InstanceCreated(definition.key(), definition.bpmnProcessId(), definition.version(), root.key);
  }

  /** The definition to start, or the rejection saying why there is none. */
  Object findDefinition(CreateInstance c) {
    ProcessDefinition definition;
    if (c.definitionKey() > 0) {
      definition = b.state.definitions.get(c.definitionKey());
      if (definition == null) {
        return Rejection.notFound("Expected to find process definition with key '" + c.definitionKey()
            + "', but none found");
      }
    } else if (c.bpmnProcessId() == null || c.bpmnProcessId().isEmpty()) {
      return Rejection.invalid("Expected either a process definition key or a BPMN process id, but none given");
    } else if (c.version() < 0) {
      definition = b.state.latest(c.bpmnProcessId());
      if (definition == null) {
        return Rejection.notFound("Expected to find process definition with process ID '" + c.bpmnProcessId()
            + "', but none found");
      }
    } else {
      definition = b.state.version(c.bpmnProcessId(), c.version());
      if (definition == null) {
        return Rejection.notFound("Expected to find process definition with process ID '" + c.bpmnProcessId()
            + "' and version '" + c.version() + "', but none found");
      }
    }
    if (definition.process().root().noneStartEvent() == null) {
      return Rejection.precondition("Expected to create instance of process with none start event, but there is"
          + " no such event");
    }
    return definition;
  }
}
