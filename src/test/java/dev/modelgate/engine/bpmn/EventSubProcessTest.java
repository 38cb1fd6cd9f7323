package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Event sub-processes with timer, message, signal and error starts, interrupting and not. */
class EventSubProcessTest extends EngineTestBase {

  private static void publish(String name, String key, Map<String, Object> variables) {
    client().newPublishMessageCommand().messageName(name).correlationKey(key).variables(variables).send().join();
  }

  @Test
  void interruptingMessageStartTerminatesTheScopeAndRunsOnce() {
    String id = unique("esp-message");
    String work = unique("work");
    String refund = unique("refund");
    String cancel = unique("cancel");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("cancelled", esp -> esp.startEvent("onCancel")
            .message(m -> m.name(cancel).zeebeCorrelationKeyExpression("orderId"))
            .serviceTask("r", t -> t.zeebeJobType(refund)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id, Map.of("orderId", "o-7"));
    ActivatedJob workJob = h.awaitJob(work);
    publish(cancel, "o-7", Map.of("reason", "customer"));
    ActivatedJob refundJob = h.awaitJob(refund);
    assertEquals(pi, refundJob.getProcessInstanceKey());
    assertEquals("customer", refundJob.getVariablesAsMap().get("reason"));
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(workJob.getKey()).send().join());
    publish(cancel, "o-7", Map.of());
    assertTrue(h.activateNow(refund).isEmpty(), "an interrupting event sub-process is triggered once");
    h.complete(refundJob, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void nonInterruptingTimerCycleRepeatsBesideTheWork() {
    String id = unique("esp-timer");
    String work = unique("work");
    String remind = unique("remind");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("reminder", esp -> esp.startEvent("every-hour").interrupting(false).timerWithCycle("R/PT1H")
            .serviceTask("r", t -> t.zeebeJobType(remind)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id);
    ActivatedJob workJob = h.awaitJob(work);
    client().newUpdateTimeoutCommand(workJob.getKey()).timeout(Duration.ofDays(10)).send().join();
    h.clock.advance(Duration.ofMinutes(61));
    h.complete(h.awaitJob(remind), Map.of());
    h.clock.advance(Duration.ofMinutes(60));
    ActivatedJob second = h.awaitJob(remind);
    assertTrue(h.isActive(pi));
    h.complete(workJob, Map.of());
    assertTrue(h.isActive(pi), "the process waits for the running event sub-process");
    h.complete(second, Map.of());
    h.awaitCompleted(pi);
    h.clock.advance(Duration.ofHours(3));
    assertTrue(h.activateNow(remind).isEmpty(), "the timer ended with its scope");
  }

  @Test
  void errorStartCatchesAJobErrorWithItsVariablesAndTheInnerScopeCatchesFirst() {
    String id = unique("esp-error");
    String work = unique("work");
    String inner = unique("inner");
    String outer = unique("outer");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("outerHandler", esp -> esp.startEvent("anyError").error()
            .serviceTask("o", t -> t.zeebeJobType(outer)).endEvent())
        .startEvent().subProcess("sp", sp -> sp.zeebeInputExpression("\"inside\"", "where"))
        .embeddedSubProcess()
        .eventSubProcess("innerHandler", esp -> esp.startEvent("invalid").error("INVALID")
            .serviceTask("i", t -> t.zeebeJobType(inner)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().subProcessDone()
        .endEvent().done());
    long p1 = start(id);
    client().newThrowErrorCommand(h.awaitJob(work).getKey()).errorCode("INVALID").variables(Map.of("field", "amount"))
        .send().join();
    ActivatedJob innerJob = h.awaitJob(inner);
    assertEquals(p1, innerJob.getProcessInstanceKey());
    assertEquals("amount", innerJob.getVariablesAsMap().get("field"));
    assertEquals("inside", innerJob.getVariablesAsMap().get("where"), "the event sub-process sees its scope's variables");
    assertTrue(h.activateNow(outer).isEmpty());
    h.complete(innerJob, Map.of());
    h.awaitCompleted(p1);

    long p2 = start(id);
    client().newThrowErrorCommand(h.awaitJob(work).getKey()).errorCode("OTHER").send().join();
    assertEquals(p2, h.awaitJob(outer).getProcessInstanceKey(), "the catch-all of the process catches other codes");
  }

  @Test
  void nonInterruptingSignalStartInASubProcessRunsPerSignalWhileTheSubProcessLives() {
    String id = unique("esp-signal");
    String work = unique("work");
    String noted = unique("noted");
    String signal = unique("note");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("sp").embeddedSubProcess()
        .eventSubProcess("onNote", esp -> esp.startEvent("n").interrupting(false).signal(signal)
            .serviceTask("t", t -> t.zeebeJobType(noted)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType(work + "-after")).endEvent().done());
    long pi = start(id);
    ActivatedJob workJob = h.awaitJob(work);
    client().newBroadcastSignalCommand().signalName(signal).send().join();
    client().newBroadcastSignalCommand().signalName(signal).send().join();
    List<ActivatedJob> notes = h.awaitJobs(noted, 2);
    notes.forEach(n -> h.complete(n, Map.of()));
    h.complete(workJob, Map.of());
    ActivatedJob after = h.awaitJob(work + "-after");
    client().newBroadcastSignalCommand().signalName(signal).send().join();
    assertTrue(h.activateNow(noted).isEmpty(), "the subscription closed with the sub-process");
    h.complete(after, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void anInterruptingStartEndsTheNonInterruptingEventSubProcessesToo() {
    String id = unique("esp-both");
    String work = unique("work");
    String noted = unique("noted");
    String stopped = unique("stopped");
    String note = unique("note");
    String stop = unique("stop");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("onNote", esp -> esp.startEvent("n").interrupting(false).signal(note)
            .serviceTask("t", t -> t.zeebeJobType(noted)).endEvent())
        .eventSubProcess("onStop", esp -> esp.startEvent("s").signal(stop)
            .serviceTask("x", t -> t.zeebeJobType(stopped)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    long pi = start(id);
    h.awaitJob(work);
    client().newBroadcastSignalCommand().signalName(note).send().join();
    ActivatedJob noteJob = h.awaitJob(noted);
    client().newBroadcastSignalCommand().signalName(stop).send().join();
    ActivatedJob stopJob = h.awaitJob(stopped);
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(noteJob.getKey()).send().join());
    client().newBroadcastSignalCommand().signalName(note).send().join();
    assertTrue(h.activateNow(noted).isEmpty(), "the interrupted scope takes no more events");
    h.complete(stopJob, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void theEventSubProcessChangesItsScopesVariablesAndKeepsItsInputsLocal() {
    String id = unique("esp-vars");
    String work = unique("work");
    String fix = unique("fix");
    String msg = unique("fix-it");
    deploy(Bpmn.createExecutableProcess(id)
        .eventSubProcess("fixer", esp -> esp.zeebeInputExpression("\"temp\"", "scratch")
            .startEvent("f").interrupting(false).message(m -> m.name(msg).zeebeCorrelationKeyExpression("ref"))
            .serviceTask("t", t -> t.zeebeJobType(fix)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().done());
    String ref = unique("ref");
    CompletableFuture<ProcessInstanceResult> result = client().newCreateInstanceCommand().bpmnProcessId(id)
        .latestVersion().variables(Map.of("ref", ref, "status", "open")).withResult()
        .requestTimeout(Duration.ofSeconds(20)).send().toCompletableFuture();
    ActivatedJob workJob = h.awaitJob(work);
    publish(msg, ref, Map.of());
    ActivatedJob fixJob = h.awaitJob(fix);
    assertEquals("temp", fixJob.getVariablesAsMap().get("scratch"));
    h.complete(fixJob, Map.of("status", "fixed", "scratch", "changed"));
    h.complete(workJob, Map.of());
    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertEquals("fixed", variables.get("status"), "the event sub-process changed the process variable");
    assertTrue(!variables.containsKey("scratch"), "the input mapping stayed local: " + variables);
  }

  @Test
  void eventSubProcessesAreRefusedWhereCamundaRefusesThem() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:error id="err" errorCode="E"/>
          <bpmn:process id="esp-bad" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
            <bpmn:subProcess id="noneStart" triggeredByEvent="true"><bpmn:startEvent id="plain"/></bpmn:subProcess>
            <bpmn:subProcess id="softError" triggeredByEvent="true">
              <bpmn:startEvent id="soft" isInterrupting="false"><bpmn:errorEventDefinition errorRef="err"/></bpmn:startEvent>
            </bpmn:subProcess>
          </bpmn:process>
        </bpmn:definitions>
        """;
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.camunda.client.api.command.ClientStatusException.class,
        () -> client().newDeployResourceCommand().addResourceStringUtf8(xml, "esp.bpmn").send().join());
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.contains("'plain' (startEvent in an event sub-process with none)"), message);
    assertTrue(message.contains("'soft' (non-interrupting error start event"), message);
  }

  @Test
  void anInterruptingTimerInsideASubProcessLeavesTheSubProcessesOwnBoundaryEventOpen() {
    String id = unique("esp-and-boundary");
    String work = unique("work");
    String timedOut = unique("timed-out");
    String noted = unique("noted");
    String note = unique("note");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("sp").embeddedSubProcess()
        .eventSubProcess("deadline", esp -> esp.startEvent("late").timerWithDuration("PT1H")
            .serviceTask("to", t -> t.zeebeJobType(timedOut)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().subProcessDone()
        .boundaryEvent("noteBoundary", b -> b.cancelActivity(false).message(m -> m.name(note)
            .zeebeCorrelationKeyExpression("ref")))
        .serviceTask("n", t -> t.zeebeJobType(noted)).endEvent()
        .moveToActivity("sp").endEvent().done());
    String ref = unique("ref");
    long pi = start(id, Map.of("ref", ref));
    ActivatedJob workJob = h.awaitJob(work);
    client().newUpdateTimeoutCommand(workJob.getKey()).timeout(Duration.ofDays(10)).send().join();
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob timeout = h.awaitJob(timedOut);
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(workJob.getKey()).send().join());
    publish(note, ref, Map.of());
    h.complete(h.awaitJob(noted), Map.of());
    h.complete(timeout, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void eachInstanceOfAMultiInstanceSubProcessHasItsOwnEventSubProcess() {
    String id = unique("esp-multi");
    String work = unique("work");
    String handled = unique("handled");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("sp", sp -> sp.multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")))
        .embeddedSubProcess()
        .eventSubProcess("onError", esp -> esp.startEvent("e").error("BROKEN")
            .serviceTask("h", t -> t.zeebeJobType(handled)).endEvent())
        .startEvent().serviceTask("w", t -> t.zeebeJobType(work)).endEvent().subProcessDone()
        .endEvent().done());
    long pi = start(id, Map.of("items", List.of("a", "b")));
    List<ActivatedJob> jobs = h.awaitJobs(work, 2);
    ActivatedJob broken = jobs.stream().filter(j -> "a".equals(j.getVariablesAsMap().get("item"))).findFirst()
        .orElseThrow();
    ActivatedJob fine = jobs.stream().filter(j -> "b".equals(j.getVariablesAsMap().get("item"))).findFirst()
        .orElseThrow();
    client().newThrowErrorCommand(broken.getKey()).errorCode("BROKEN").send().join();
    ActivatedJob handle = h.awaitJob(handled);
    assertEquals("a", handle.getVariablesAsMap().get("item"), "the failing instance handled its own error");
    h.complete(fine, Map.of());
    assertTrue(h.isActive(pi));
    h.complete(handle, Map.of());
    h.awaitCompleted(pi);
  }
}
