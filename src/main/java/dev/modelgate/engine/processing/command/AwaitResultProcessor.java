package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Command.AwaitResult;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.ResultAwaiters;
import dev.modelgate.engine.processing.Results.InstanceCreated;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ProcessDefinition;

/** CreateProcessInstanceWithResult: creates the instance and answers when it completes. */
public final class AwaitResultProcessor implements TypedCommandProcessor<AwaitResult> {
  private final BpmnBehaviors b;
  private final CreateInstanceProcessor create;
  private final ResultAwaiters awaiters;

  public AwaitResultProcessor(BpmnBehaviors b, CreateInstanceProcessor create, ResultAwaiters awaiters) {
    this.b = b;
    this.create = create;
    this.awaiters = awaiters;
  }

  @Override
  public Object process(AwaitResult c, Responder responder) {
    long keyBefore = b.state.peekNextKey();
    Object found = create.findDefinition(c.create());
    if (found instanceof Rejection r) {
      return r;
    }
    CommandRejection.variables(c.create().variables());
    ProcessDefinition definition = (ProcessDefinition) found;
    // register before processing, so that an instance that completes at once is answered too
    InstanceCreated created = new InstanceCreated(definition.key(), definition.bpmnProcessId(), definition.version(),
        keyBefore);
    awaiters.await(keyBefore, responder, c.fetchVariables(), created);
    Object result = create.process(c.create(), responder);
    if (!(result instanceof InstanceCreated ic) || ic.processInstanceKey() != keyBefore) {
      throw new IllegalStateException("unexpected process instance key for " + result);
    }
    return null; // answered when the instance completes
  }
}
