package dev.modelgate.engine.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The compensation part of a transformed process: marks compensation handlers, links each
 * compensation boundary event to its handler through the {@code bpmn:association}, and refuses what
 * Zeebe refuses at deployment (a handler with sequence flows or boundary events, a compensation
 * boundary event without an association or with outgoing flows, {@code waitForCompletion="false"},
 * an {@code activityRef} that is missing, in another scope, or neither compensable nor a sub-process).
 */
final class CompensationModel {
  private CompensationModel() {}

  static void link(Process process, Map<String, Element> index, List<String> problems) {
    var model = process.getModelInstance();
    for (Activity activity : model.getModelElementsByType(Activity.class)) {
      Element handler = index.get(activity.getId());
      if (handler == null || !activity.isForCompensation()) {
        continue;
      }
      handler.setForCompensation(true);
      if (!handler.incoming().isEmpty()) {
        problem(problems, activity, "a compensation handler must have no incoming sequence flows");
      }
      if (!handler.outgoing().isEmpty()) {
        problem(problems, activity, "a compensation handler must have no outgoing sequence flows");
      }
      if (!handler.boundaryEvents().isEmpty()) {
        problem(problems, activity, "a compensation handler must have no boundary events");
      }
    }
    for (Element boundary : index.values()) {
      if (boundary.kind() != ElementKind.BOUNDARY_EVENT || boundary.eventType() != EventType.COMPENSATION) {
        continue;
      }
      Element handler = associatedHandler(model.getModelElementsByType(Association.class), boundary, index);
      if (handler == null) {
        problems.add("'" + boundary.id() + "' (compensation boundary event without an association to a"
            + " compensation handler, an activity with isForCompensation=\"true\")");
      } else {
        boundary.setCompensationHandler(handler);
      }
      if (!boundary.outgoing().isEmpty()) {
        problems.add("'" + boundary.id() + "' (a compensation boundary event must have no outgoing sequence flows)");
      }
    }
    for (CompensateEventDefinition def : model.getModelElementsByType(CompensateEventDefinition.class)) {
      ModelElementInstance parent = def.getParentElement();
      Element event = parent instanceof BaseElement be ? index.get(be.getId()) : null;
      if (event == null || event.kind() == ElementKind.BOUNDARY_EVENT) {
        continue;
      }
      String wait = def.getAttributeValue("waitForCompletion");
      if (wait != null && !Boolean.parseBoolean(wait.trim())) {
        problems.add("'" + event.id() + "' (a compensation throw event's waitForCompletion must be true or absent)");
      }
      Activity ref = def.getActivity();
      if (ref == null) {
        continue;
      }
      Element activity = index.get(ref.getId());
      if (activity == null) {
        problems.add("'" + event.id() + "' (the referenced compensation activity '" + ref.getId()
            + "' does not exist)");
      } else if (activity.flowScope() != event.flowScope()) {
        problems.add("'" + event.id() + "' (the referenced compensation activity '" + ref.getId()
            + "' must be in the same scope as the compensation throw event)");
      } else if (activity.compensationHandlerOfActivity() == null && activity.kind() != ElementKind.SUB_PROCESS) {
        problems.add("'" + event.id() + "' (the referenced compensation activity '" + ref.getId()
            + "' must have a compensation boundary event or be a sub-process)");
      } else {
        event.setCompensationActivityRef(activity.id());
      }
    }
  }

  private static Element associatedHandler(java.util.Collection<Association> associations, Element boundary,
      Map<String, Element> index) {
    for (Association a : associations) {
      String source = a.getSource() == null ? null : a.getSource().getId();
      String target = a.getTarget() == null ? null : a.getTarget().getId();
      String other = boundary.id().equals(source) ? target : boundary.id().equals(target) ? source : null;
      Element handler = other == null ? null : index.get(other);
      if (handler != null && handler.isForCompensation()) {
        return handler;
      }
    }
    return null;
  }

  private static void problem(List<String> problems, BaseElement element, String what) {
    problems.add("'" + element.getId() + "' (" + what + ")");
  }
}
