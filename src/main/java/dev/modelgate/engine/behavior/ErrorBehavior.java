package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;
import java.util.Map;

/**
 * Error events: finds the catching error boundary event or error event sub-process from the
 * throwing element outwards (through sub-processes, multi-instance bodies and call activities)
 * and interrupts there.
 */
public final class ErrorBehavior {
  private final CatchEventLookup lookup;

  public ErrorBehavior(BpmnBehaviors b) {
    this.lookup = new CatchEventLookup(b);
  }

  /** Returns false when nothing catches the error (the caller raises an incident). */
  public boolean throwError(ElementInstance source, String errorCode, Map<String, Object> variables) {
    CatchEventLookup.Catch c = lookup.find(source, EventType.ERROR, errorCode, Element::errorCode);
    if (c == null) {
      return false;
    }
    lookup.activate(c, variables);
    return true;
  }
}
