package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.processing.Command.CancelInstance;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;

/** Cancels a root process instance (a called one is cancelled through its root). */
public final class CancelInstanceProcessor implements TypedCommandProcessor<CancelInstance> {
  private final BpmnBehaviors b;

  public CancelInstanceProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(CancelInstance c, Responder responder) {
    ElementInstance root = b.state.instances.get(c.processInstanceKey());
    if (root == null || !root.isProcessInstance()) {
      return Rejection.notFound("Expected to cancel a process instance with key '" + c.processInstanceKey()
          + "', but no such process was found");
    }
    if (root.callingInstanceKey >= 0) {
      return Rejection.precondition("Expected to cancel a process instance with key '" + c.processInstanceKey()
          + "', but it is created by a parent process instance. Cancel the root process instance '"
          + rootOf(root) + "' instead.");
    }
    b.transitions.terminate(root);
    return new Results.Empty();
  }

  private long rootOf(ElementInstance pi) {
    ElementInstance cur = pi;
    while (cur.callingInstanceKey >= 0) {
      ElementInstance caller = b.state.instances.get(cur.callingInstanceKey);
      if (caller == null) {
        break;
      }
      cur = b.state.instances.get(caller.processInstanceKey);
    }
    return cur.key;
  }
}
