package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;
import java.util.Map;

/**
 * Error events: finds the catching error boundary event from the throwing element outwards
 * (through sub-processes, multi-instance bodies and call activities) and interrupts its host.
 */
public final class ErrorBehavior {
  private final BpmnBehaviors b;

  public ErrorBehavior(BpmnBehaviors b) {
    this.b = b;
  }

  /** Returns false when no boundary event catches the error (the caller raises an incident). */
  public boolean throwError(ElementInstance source, String errorCode, Map<String, Object> variables) {
    ElementInstance cur = source;
    while (cur != null) {
      if (!isInner(cur)) {
        Element catcher = catcher(cur.element, errorCode);
        if (catcher != null) {
          ElementInstance scope = b.state.instances.get(cur.parentKey);
          b.transitions.terminate(cur);
          b.transitions.activate(catcher, scope, variables == null ? Map.of() : variables);
          return true;
        }
      }
      if (cur.isProcessInstance()) {
        cur = cur.callingInstanceKey >= 0 ? b.state.instances.get(cur.callingInstanceKey) : null;
      } else {
        cur = b.state.instances.get(cur.parentKey);
      }
    }
    return false;
  }

  private boolean isInner(ElementInstance instance) {
    if (instance.parentKey < 0 || instance.multiInstanceBody) {
      return false;
    }
    ElementInstance parent = b.state.instances.get(instance.parentKey);
    return parent != null && parent.multiInstanceBody;
  }

  private static Element catcher(Element element, String errorCode) {
    Element catchAll = null;
    for (Element be : element.boundaryEvents()) {
      if (be.eventType() == EventType.ERROR) {
        if (be.errorCode() == null || be.errorCode().isEmpty()) {
          catchAll = catchAll == null ? be : catchAll;
        } else if (be.errorCode().equals(errorCode)) {
          return be;
        }
      }
    }
    return catchAll;
  }
}
