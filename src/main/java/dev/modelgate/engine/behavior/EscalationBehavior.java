package dev.modelgate.engine.behavior;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.model.Element;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.model.Expression;
import dev.modelgate.engine.state.ElementInstance;
import java.util.Map;

/**
 * Escalation events: like errors they are caught from the throwing element outwards, by an
 * escalation boundary event or an escalation event sub-process, but a catch may be
 * non-interrupting, and an escalation nobody catches is no incident: the throwing event simply
 * goes on, as in Camunda.
 */
public final class EscalationBehavior {
  private final CatchEventLookup lookup;

  public EscalationBehavior(BpmnBehaviors b) {
    this.lookup = new CatchEventLookup(b);
  }

  /** Throws the escalation; the caller continues the throwing event if it is still alive afterwards. */
  public void throwEscalation(ElementInstance source, String code) {
    CatchEventLookup.Catch c = lookup.find(source, EventType.ESCALATION, code, EscalationBehavior::caughtCode);
    if (c != null) {
      lookup.activate(c, Map.of());
    }
  }

  private static String caughtCode(Element catchEvent) {
    return catchEvent.escalationCode() instanceof Expression.Static s ? s.value() : null;
  }
}
