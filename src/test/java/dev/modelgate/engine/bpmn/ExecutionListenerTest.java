package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Execution listeners through the real client: start listeners after the input mappings and before the
 * element's work, end listeners after the output mappings, each a job of kind EXECUTION_LISTENER that the
 * element waits for, as Camunda documents.
 */
class ExecutionListenerTest extends EngineTestBase {

  @Test
  void startAndEndListenersWrapAServiceTaskAndTheirVariablesGoWhereCamundaSays() {
    String id = unique("el-task");
    String start = unique("start");
    String work = unique("work");
    String end = unique("end");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(work).zeebeInputExpression("base", "local")
            .zeebeOutputExpression("result", "output").zeebeTaskHeader("h", "v")
            .zeebeStartExecutionListener(start).zeebeEndExecutionListener(end))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("base", 1));

    ActivatedJob s = h.awaitJob(start);
    assertEquals(JobKind.EXECUTION_LISTENER, s.getKind());
    assertEquals(ListenerEventType.START, s.getListenerEventType());
    assertEquals("task", s.getElementId());
    assertEquals(1, ((Number) s.getVariablesAsMap().get("local")).intValue(), "after the input mappings");
    assertEquals("v", s.getCustomHeaders().get("h"), "the element's headers");
    assertTrue(h.activateNow(work).isEmpty(), "the element waits for its start listener");
    h.complete(s, Map.of("prepared", true));

    ActivatedJob w = h.awaitJob(work);
    assertEquals(JobKind.BPMN_ELEMENT, w.getKind());
    assertEquals(true, w.getVariablesAsMap().get("prepared"));
    h.complete(w, Map.of("result", "r"));

    ActivatedJob e = h.awaitJob(end);
    assertEquals(ListenerEventType.END, e.getListenerEventType());
    assertEquals("r", e.getVariablesAsMap().get("output"), "after the output mappings");
    assertTrue(h.activateNow(after).isEmpty(), "the element is left after its end listener");
    h.complete(e, Map.of("audited", "yes"));

    ActivatedJob a = h.awaitJob(after);
    Map<String, Object> vars = a.getVariablesAsMap();
    assertEquals("yes", vars.get("audited"), "end listener variables reach the parent scope");
    assertFalse(vars.containsKey("prepared"), "start listener variables are local to the element");
    h.complete(a, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aProcessOpensItsEventSubProcessesAfterItsStartListeners() {
    String id = unique("el-esp");
    String listener = unique("start");
    String work = unique("work");
    String refund = unique("refund");
    String cancel = unique("cancel");
    deploy(Bpmn.createExecutableProcess(id).zeebeStartExecutionListener(listener)
        .eventSubProcess("cancelled", esp -> esp.startEvent("onCancel")
            .message(m -> m.name(cancel).zeebeCorrelationKeyExpression("orderId"))
            .serviceTask("r", t -> t.zeebeJobType(refund)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id);
    // the correlation key comes from the start listener: the subscription opens only after it
    h.complete(h.awaitJob(listener), Map.of("orderId", "o-" + pi));
    h.awaitJob(work);
    client().newPublishMessageCommand().messageName(cancel).correlationKey("o-" + pi).send().join();
    ActivatedJob r = h.awaitJob(refund);
    assertEquals(pi, r.getProcessInstanceKey());
    h.complete(r, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void processAndGatewayListenersAndSeveralListenersInOrder() {
    String id = unique("el-process");
    String p1 = unique("p1");
    String p2 = unique("p2");
    String gw = unique("gw");
    String pEnd = unique("pend");
    String yes = unique("yes");
    BpmnModelInstance model = Bpmn.createExecutableProcess(id)
        .zeebeStartExecutionListener(p1).zeebeStartExecutionListener(p2).zeebeEndExecutionListener(pEnd)
        .startEvent().exclusiveGateway("choose").zeebeStartExecutionListener(gw)
        .sequenceFlowId("toYes").conditionExpression("= route = \"yes\"").serviceTask("yes", t -> t.zeebeJobType(yes))
        .endEvent()
        .moveToLastGateway().sequenceFlowId("toNo").conditionExpression("= route != \"yes\"").endEvent().done();
    deploy(model);
    long pi = start(id);
    ActivatedJob first = h.awaitJob(p1);
    assertEquals(pi, first.getProcessInstanceKey());
    assertTrue(h.activateNow(p2).isEmpty(), "listeners of one event run one after the other");
    h.complete(first, Map.of());
    h.complete(h.awaitJob(p2), Map.of());
    // the gateway's start listener decides the route
    h.complete(h.awaitJob(gw), Map.of("route", "yes"));
    h.complete(h.awaitJob(yes), Map.of());
    ActivatedJob end = h.awaitJob(pEnd);
    assertEquals(ListenerEventType.END, end.getListenerEventType());
    assertTrue(h.isActive(pi), "the process waits for its end listener");
    h.complete(end, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aCamundaUserTaskWithExecutionListeners() {
    String id = unique("el-usertask");
    String start = unique("start");
    String end = unique("end");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeAssigneeExpression("who").zeebeStartExecutionListener(start)
            .zeebeEndExecutionListener(end))
        .endEvent().done());
    long pi = start(id);
    h.complete(h.awaitJob(start), Map.of("who", "nora"));
    var task = UserTaskTest.awaitTask(pi, "t", dev.modelgate.engine.state.UserTask.State.CREATED);
    assertEquals("nora", task.attributes().assignee(), "the start listener set the assignee's variable");
    h.engine().userTasks().complete(task.key(), null, null).join();
    h.complete(h.awaitJob(end), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aFailedListenerIsAnIncidentAndCancellationRemovesItsJob() {
    String id = unique("el-fail");
    String start = unique("start");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(work).zeebeStartExecutionListener(start, "1"))
        .endEvent().done());
    long pi = start(id);
    ActivatedJob s = h.awaitJob(start);
    assertStatus(Status.Code.FAILED_PRECONDITION,
        () -> client().newThrowErrorCommand(s.getKey()).errorCode("E").send().join());
    client().newFailCommand(s.getKey()).retries(0).errorMessage("down").send().join();
    client().newUpdateRetriesCommand(s.getKey()).retries(1).send().join();
    client().newResolveIncidentCommand(s.getKey() + 1).send().join();
    ActivatedJob again = h.awaitJob(start);
    assertEquals(s.getKey(), again.getKey());
    client().newCancelInstanceCommand(pi).send().join();
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(again).send().join());
  }

  /** The incident of a process start listener's expression: resolving it runs the phase again, then the start event. */
  @Test
  void aProcessStartListenerIncidentIsRetriedAndTheProcessStillTakesItsStartEvent() {
    String id = unique("el-retry");
    String listener = unique("listener");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(id).zeebeStartExecutionListener("=listenerType")
        .startEvent("begin").serviceTask("task", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id);
    dev.modelgate.engine.history.HistoryFilter.IncidentFilter active =
        new dev.modelgate.engine.history.HistoryFilter.IncidentFilter(pi, "ACTIVE", null, null);
    dev.modelgate.engine.EngineHarness.await(() -> h.engine().history()
        .searchIncidents(active, dev.modelgate.engine.history.PageRequest.firstPage()).total() == 1,
        "the incident of the listener's job type");
    long incident = h.engine().history().searchIncidents(active, dev.modelgate.engine.history.PageRequest.firstPage())
        .items().get(0).incidentKey();
    client().newSetVariablesCommand(pi).variables(Map.of("listenerType", listener)).send().join();
    client().newResolveIncidentCommand(incident).send().join();

    ActivatedJob s = h.awaitJob(listener);
    assertEquals(ListenerEventType.START, s.getListenerEventType());
    assertTrue(h.activateNow(work).isEmpty(), "the start event waits for the process's start listener");
    h.complete(s, Map.of());
    h.complete(h.awaitJob(work), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void listenersCamundaDoesNotRunAreRefusedAtDeployment() {
    ClientStatusException e = assertThrows(ClientStatusException.class, () -> deploy(
        Bpmn.createExecutableProcess(unique("el-refused")).startEvent("begin").zeebeStartExecutionListener("x")
            .endEvent("fail", end -> end.error("E").zeebeEndExecutionListener("y")).done()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.contains("'begin' (startEvent with a start execution listener"), message);
    assertTrue(message.contains("'fail' (endEvent with an end execution listener"), message);
  }
}
