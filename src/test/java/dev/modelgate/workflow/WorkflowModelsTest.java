package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.File;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BPMN files in workflows/ are valid Zeebe models with the ids, types and wiring the server relies on. */
class WorkflowModelsTest {

  static BpmnModelInstance read(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("workflows/" + file));
    Bpmn.validateModel(model);
    return model;
  }

  static String jobType(BpmnModelInstance m, String id) {
    FlowNode n = m.getModelElementById(id);
    assertNotNull(n, id);
    return n.getSingleExtensionElement(ZeebeTaskDefinition.class).getType();
  }

  static Set<String> jobTypes(BpmnModelInstance m) {
    return m.getModelElementsByType(ServiceTask.class).stream()
        .map(t -> t.getSingleExtensionElement(ZeebeTaskDefinition.class).getType()).collect(Collectors.toSet());
  }

  static Map<String, String> headers(BpmnModelInstance m, String id) {
    FlowNode n = m.getModelElementById(id);
    return n.getSingleExtensionElement(ZeebeTaskHeaders.class).getHeaders().stream()
        .collect(Collectors.toMap(h -> h.getKey(), h -> h.getValue()));
  }

  /** Every flow node and sequence flow has diagram information, so Modeler shows the whole model. */
  static void hasDiagram(BpmnModelInstance m) {
    Set<String> shapes = new HashSet<>();
    m.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
    for (FlowNode n : m.getModelElementsByType(FlowNode.class)) {
      assertTrue(shapes.contains(n.getId()), "no shape for " + n.getId());
    }
    Set<String> edges = new HashSet<>();
    m.getModelElementsByType(BpmnEdge.class).forEach(e -> {
      edges.add(e.getBpmnElement().getId());
      assertTrue(e.getWaypoints().size() >= 2, e.getId());
    });
    m.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.SequenceFlow.class)
        .forEach(f -> assertTrue(edges.contains(f.getId()), "no edge for " + f.getId()));
  }

  /** Every end event is reached from a record-outcome task or is the end of a reminder branch. */
  static void endsRecordOutcome(BpmnModelInstance m) {
    for (EndEvent end : m.getModelElementsByType(EndEvent.class)) {
      FlowNode before = end.getIncoming().iterator().next().getSource();
      String type = before.getSingleExtensionElement(ZeebeTaskDefinition.class).getType();
      boolean reminder = "notify".equals(type) && "reminder".equals(headers(m, before.getId()).get("kind"));
      assertTrue(reminder || "record-outcome".equals(type), end.getId() + " follows " + type);
    }
  }

  static void reminderOn(BpmnModelInstance m, String taskId) {
    Collection<BoundaryEvent> boundaries = m.getModelElementsByType(BoundaryEvent.class);
    BoundaryEvent b = boundaries.stream().filter(x -> x.getAttachedTo().getId().equals(taskId)).findFirst()
        .orElseThrow();
    assertFalse(b.cancelActivity(), "reminder must not interrupt the task");
    TimerEventDefinition timer = (TimerEventDefinition) b.getEventDefinitions().iterator().next();
    assertTrue(timer.getTimeCycle().getTextContent().contains("reminderInterval"));
  }

  @Test
  void modelReview() {
    BpmnModelInstance m = read("model-review.bpmn");
    assertNotNull(m.getModelElementById("model-review"));
    assertEquals(Set.of("validate-metrics", "notify", "record-outcome"), jobTypes(m));
    for (String task : new String[] {"peer-review", "product-review"}) {
      UserTask u = m.getModelElementById(task);
      assertNotNull(u.getSingleExtensionElement(ZeebeAssignmentDefinition.class), task);
      reminderOn(m, task);
    }
    assertEquals("=team + \":engineer\"", ((UserTask) m.getModelElementById("peer-review"))
        .getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups());
    assertEquals("=team + \":product\"", ((UserTask) m.getModelElementById("product-review"))
        .getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups());
    assertEquals("reviewOutcome", headers(m, "record-approved").get("resultVariable"));
    endsRecordOutcome(m);
    hasDiagram(m);
  }

  @Test
  void complianceSignoff() {
    BpmnModelInstance m = read("compliance-signoff.bpmn");
    assertEquals(Set.of("collect-evidence", "notify", "record-outcome"), jobTypes(m));
    UserTask u = m.getModelElementById("officer-signoff");
    MultiInstanceLoopCharacteristics mi = (MultiInstanceLoopCharacteristics) u.getLoopCharacteristics();
    assertFalse(mi.isSequential());
    assertTrue(mi.getSingleExtensionElement(ZeebeLoopCharacteristics.class).getInputCollection()
        .contains("complianceOfficers"));
    assertEquals("=team + \":compliance\"",
        u.getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups());
    reminderOn(m, "officer-signoff");
    endsRecordOutcome(m);
    hasDiagram(m);
  }

  @Test
  void modelPromotion() {
    BpmnModelInstance m = read("model-promotion.bpmn");
    assertEquals("model-review", ((CallActivity) m.getModelElementById("review"))
        .getSingleExtensionElement(ZeebeCalledElement.class).getProcessId());
    assertEquals("compliance-signoff", ((CallActivity) m.getModelElementById("signoff"))
        .getSingleExtensionElement(ZeebeCalledElement.class).getProcessId());
    assertEquals("deploy-to-staging", jobType(m, "deploy-to-staging"));
    assertEquals("start-canary", jobType(m, "start-canary"));
    assertEquals("evaluate-canary", jobType(m, "evaluate-canary"));
    assertEquals("promote-to-production", jobType(m, "promote-to-production"));
    assertEquals("rollback", jobType(m, "rollback"));
    assertEquals("deployment-finished", headers(m, "deploy-to-staging").get("waitsFor"));
    for (Message msg : m.getModelElementsByType(Message.class)) {
      assertEquals("=modelVersionId", msg.getSingleExtensionElement(ZeebeSubscription.class).getCorrelationKey(),
          msg.getName());
    }
    Set<String> guarded = m.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> b.getEventDefinitions().iterator().next() instanceof ErrorEventDefinition e
            && e.getError().getErrorCode().equals("deployment-failed"))
        .map(b -> b.getAttachedTo().getId()).collect(Collectors.toSet());
    assertEquals(Set.of("deploy-to-staging", "start-canary", "promote-to-production"), guarded);
    endsRecordOutcome(m);
    hasDiagram(m);
  }

  @Test
  void retraining() {
    BpmnModelInstance m = read("retraining.bpmn");
    Process p = m.getModelElementById("retraining");
    assertNotNull(p);
    assertEquals(Set.of("trigger-retraining", "register-retrained-version", "record-outcome"), jobTypes(m));
    assertTrue(m.getModelElementsByType(Message.class).stream().anyMatch(x -> x.getName().equals("drift-detected")));
    endsRecordOutcome(m);
    hasDiagram(m);
  }
}
