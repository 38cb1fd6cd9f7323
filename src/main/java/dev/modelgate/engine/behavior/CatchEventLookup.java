package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.ElementKind;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;
import java.util.List;
import java.util.function.Function;

/**
 * Finds the event that catches a thrown error or escalation, from the throwing element outwards:
 * at each instance first the event sub-processes inside it (unless an interrupting one already
 * runs there), then the boundary events attached to it; then its flow scope, and across a call
 * activity into the calling process. At each place a catch event for the code wins over a
 * catch-all one.
 */
final class CatchEventLookup {
  /** The catch event and the instance it belongs to: the host of a boundary event, or the scope of an event sub-process. */
  record Catch(ElementInstance instance, Element event) {
    boolean isBoundary() {
      return event.kind() == ElementKind.BOUNDARY_EVENT;
    }
  }

  private final BpmnBehaviors b;

  CatchEventLookup(BpmnBehaviors b) {
    this.b = b;
  }

  /**
   * @param codeOf the code a catch event of {@code type} catches, or null when it catches all
   */
  Catch find(ElementInstance source, EventType type, String code, Function<Element, String> codeOf) {
    ElementInstance cur = source;
    while (cur != null) {
      if (isContainer(cur) && !b.eventSubProcesses.isInterrupted(cur)) {
        Element start = match(cur.element.eventSubProcessStarts(), type, code, codeOf);
        if (start != null) {
          return new Catch(cur, start);
        }
      }
      if (!isInner(cur)) {
        Element boundary = match(cur.element.boundaryEvents(), type, code, codeOf);
        if (boundary != null) {
          return new Catch(cur, boundary);
        }
      }
      if (cur.isProcessInstance()) {
        cur = cur.callingInstanceKey >= 0 ? b.state.instances.get(cur.callingInstanceKey) : null;
      } else {
        cur = b.state.instances.get(cur.parentKey);
      }
    }
    return null;
  }

  private static boolean isContainer(ElementInstance instance) {
    ElementKind kind = instance.element.kind();
    return !instance.multiInstanceBody
        && (kind == ElementKind.PROCESS || kind == ElementKind.SUB_PROCESS || kind == ElementKind.EVENT_SUB_PROCESS);
  }

  private boolean isInner(ElementInstance instance) {
    if (instance.parentKey < 0 || instance.multiInstanceBody) {
      return false;
    }
    ElementInstance parent = b.state.instances.get(instance.parentKey);
    return parent != null && parent.multiInstanceBody;
  }

  private static Element match(List<Element> events, EventType type, String code, Function<Element, String> codeOf) {
    Element catchAll = null;
    for (Element e : events) {
      if (e.eventType() != type) {
        continue;
      }
      String catches = codeOf.apply(e);
      if (catches == null || catches.isEmpty()) {
        catchAll = catchAll == null ? e : catchAll;
      } else if (catches.equals(code)) {
        return e;
      }
    }
    return catchAll;
  }

  /**
   * Lets the found event catch: a boundary event interrupts its host (when it is interrupting)
   * and is activated beside it; an event sub-process starts in its scope.
   */
  void activate(Catch c, java.util.Map<String, Object> variables) {
    if (c.isBoundary()) {
      ElementInstance scope = b.state.instances.get(c.instance().parentKey);
      if (c.event().cancelActivity()) {
        b.transitions.terminate(c.instance());
      }
      b.transitions.activate(c.event(), scope, variables == null ? java.util.Map.of() : variables);
    } else {
      b.eventSubProcesses.trigger(c.instance(), c.event(), variables);
    }
  }
}
