package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation throw, end and boundary events, and escalation event sub-processes. */
class EscalationEventTest extends EngineTestBase {

  @Test
  void nonInterruptingBoundaryCatchesAnIntermediateThrowAndTheSubProcessGoesOn() {
    String id = unique("esc-throw");
    String inner = unique("inner");
    String notify = unique("notify");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("review").embeddedSubProcess().startEvent()
        .intermediateThrowEvent("ask", e -> e.escalation("NEEDS_APPROVAL"))
        .serviceTask("finish", t -> t.zeebeJobType(inner)).endEvent().subProcessDone()
        .boundaryEvent("asked", b -> b.cancelActivity(false).escalation("NEEDS_APPROVAL"))
        .serviceTask("n", t -> t.zeebeJobType(notify)).endEvent()
        .moveToActivity("review").endEvent().done());
    long pi = start(id);
    ActivatedJob notifyJob = h.awaitJob(notify);
    ActivatedJob innerJob = h.awaitJob(inner);
    assertEquals(pi, innerJob.getProcessInstanceKey());
    h.complete(notifyJob, Map.of());
    assertTrue(h.isActive(pi), "the sub-process still runs");
    h.complete(innerJob, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void interruptingBoundaryCatchesAnEndEventAndCancelsTheRestOfTheSubProcess() {
    String id = unique("esc-end");
    String parallelWork = unique("parallel");
    String handle = unique("handle");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("sp").embeddedSubProcess().startEvent()
        .parallelGateway("fork").serviceTask("p", t -> t.zeebeJobType(parallelWork)).endEvent()
        .moveToNode("fork").endEvent("reject", e -> e.escalation("REJECTED")).subProcessDone()
        .boundaryEvent("rejected", b -> b.escalation("REJECTED")).serviceTask("h", t -> t.zeebeJobType(handle)).endEvent()
        .moveToActivity("sp").endEvent().done());
    long pi = start(id);
    ActivatedJob handleJob = h.awaitJob(handle);
    assertTrue(h.activateNow(parallelWork).isEmpty(), "the sub-process was interrupted");
    h.complete(handleJob, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aCatchForTheCodeWinsOverACatchAll() {
    String id = unique("esc-codes");
    String specific = unique("specific");
    String any = unique("any");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("sp").embeddedSubProcess().startEvent()
        .endEvent("raise", e -> e.escalationExpression("code")).subProcessDone()
        .boundaryEvent("known", b -> b.escalation("LATE")).serviceTask("k", t -> t.zeebeJobType(specific)).endEvent()
        .moveToActivity("sp").boundaryEvent("all", b -> b.escalation())
        .serviceTask("a", t -> t.zeebeJobType(any)).endEvent()
        .moveToActivity("sp").endEvent().done());
    long late = start(id, Map.of("code", "LATE"));
    ActivatedJob known = h.awaitJob(specific);
    assertEquals(late, known.getProcessInstanceKey());
    assertTrue(h.activateNow(any).isEmpty());
    long other = start(id, Map.of("code", "SOMETHING_ELSE"));
    assertEquals(other, h.awaitJob(any).getProcessInstanceKey());
    assertTrue(h.activateNow(specific).isEmpty());
  }

  @Test
  void anUncaughtEscalationIsNoIncidentAndTheProcessGoesOn() {
    String id = unique("esc-uncaught");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateThrowEvent("shout", e -> e.escalation("NOBODY_LISTENS"))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent("end", e -> e.escalation("STILL_NOBODY")).done());
    long pi = start(id);
    h.complete(h.awaitJob(after), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void escalationEventSubProcessRunsBesideTheScopeWhenNonInterrupting() {
    String id = unique("esc-esp");
    String work = unique("work");
    String escalated = unique("escalated");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("onEscalation", esp -> esp.startEvent("caught").interrupting(false).escalation("HELP")
            .serviceTask("e", t -> t.zeebeJobType(escalated)).endEvent())
        .startEvent().intermediateThrowEvent("help", e -> e.escalation("HELP"))
        .serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id);
    ActivatedJob workJob = h.awaitJob(work);
    ActivatedJob escalatedJob = h.awaitJob(escalated);
    h.complete(workJob, Map.of());
    assertTrue(h.isActive(pi), "the process waits for its event sub-process");
    h.complete(escalatedJob, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void anEscalationFromACalledProcessIsCaughtAtTheCallActivity() {
    String child = unique("esc-child");
    String parent = unique("esc-parent");
    String childWork = unique("child-work");
    String caught = unique("caught");
    deploy(Bpmn.createExecutableProcess(child).startEvent().intermediateThrowEvent("up", e -> e.escalation("UP"))
        .serviceTask("cw", t -> t.zeebeJobType(childWork)).endEvent().done());
    deploy(Bpmn.createExecutableProcess(parent).startEvent().callActivity("call", c -> c.zeebeProcessId(child))
        .boundaryEvent("b", b -> b.escalation("UP")).serviceTask("c", t -> t.zeebeJobType(caught)).endEvent()
        .moveToActivity("call").endEvent().done());
    long pi = start(parent);
    ActivatedJob caughtJob = h.awaitJob(caught);
    assertEquals(pi, caughtJob.getProcessInstanceKey());
    assertTrue(h.activateNow(childWork).isEmpty(), "the interrupting boundary ended the called process");
    h.complete(caughtJob, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void aThrowEventWithoutEscalationCodeIsRefused() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:escalation id="esc" name="no code"/>
          <bpmn:process id="esc-no-code" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="throw"/>
            <bpmn:intermediateThrowEvent id="throw"><bpmn:escalationEventDefinition escalationRef="esc"/></bpmn:intermediateThrowEvent>
          </bpmn:process>
        </bpmn:definitions>
        """;
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.camunda.client.api.command.ClientStatusException.class,
        () -> client().newDeployResourceCommand().addResourceStringUtf8(xml, "esc.bpmn").send().join());
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("'throw' (escalation throw event without an escalation code)"),
        e.getStatus().getDescription());
  }

  @Test
  void anInterruptingEscalationEventSubProcessCatchesFromANestedSubProcess() {
    String id = unique("esc-esp-nested");
    String sibling = unique("sibling");
    String handled = unique("handled");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("onBlocked", esp -> esp.startEvent("blocked").escalation("BLOCKED")
            .serviceTask("h", t -> t.zeebeJobType(handled)).endEvent())
        .startEvent().parallelGateway("fork")
        .serviceTask("s", t -> t.zeebeJobType(sibling)).endEvent()
        .moveToNode("fork").subProcess("outer").embeddedSubProcess().startEvent()
        .subProcess("inner").embeddedSubProcess().startEvent()
        .endEvent("stuck", e -> e.escalation("BLOCKED")).subProcessDone()
        .endEvent().subProcessDone().endEvent().done());
    long pi = start(id);
    ActivatedJob handle = h.awaitJob(handled);
    assertEquals(pi, handle.getProcessInstanceKey());
    assertTrue(h.activateNow(sibling).isEmpty(), "the interrupting event sub-process ended the sibling path");
    h.complete(handle, Map.of());
    h.awaitCompleted(pi);
  }
}
