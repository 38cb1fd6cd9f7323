package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.BroadcastSignalResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signal events and the BroadcastSignal RPC, through the client. */
class SignalEventTest extends EngineTestBase {

  private static BroadcastSignalResponse broadcast(String name, Map<String, Object> variables) {
    return client().newBroadcastSignalCommand().signalName(name).variables(variables).send().join();
  }

  @Test
  void signalStartEventStartsAnInstanceOfTheLatestVersionWithTheSignalsVariables() {
    String id = unique("signal-start");
    String signal = unique("go");
    String task = unique("task");
    deploy(Bpmn.createExecutableProcess(id).startEvent("s").signal(signal).serviceTask("t", t -> t.zeebeJobType(task))
        .endEvent().done());
    BroadcastSignalResponse response = broadcast(signal, Map.of("order", "o-1"));
    assertTrue(response.getKey() > 0);
    ActivatedJob first = h.awaitJob(task);
    assertEquals("o-1", first.getVariablesAsMap().get("order"));
    assertEquals(1, first.getProcessDefinitionVersion());

    deploy(Bpmn.createExecutableProcess(id).startEvent("s").signal(signal).serviceTask("t2", t -> t.zeebeJobType(task))
        .endEvent().done());
    broadcast(signal, Map.of());
    ActivatedJob second = h.awaitJob(task);
    assertEquals(2, second.getProcessDefinitionVersion(), "only the latest version starts");
    assertEquals("t2", second.getElementId());
    assertTrue(h.activateNow(task).isEmpty(), "one instance per broadcast");
  }

  @Test
  void oneBroadcastReachesEveryWaitingInstanceAndIsNotBuffered() {
    String id = unique("signal-catch");
    String signal = unique("release");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent().intermediateCatchEvent("wait", e -> e.signal(signal))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    long p1 = start(id);
    long p2 = start(id);
    broadcast(signal, Map.of("released", true));
    List<ActivatedJob> jobs = h.awaitJobs(after, 2);
    assertEquals(List.of(p1, p2).stream().sorted().toList(),
        jobs.stream().map(ActivatedJob::getProcessInstanceKey).sorted().toList());
    assertTrue(jobs.stream().allMatch(j -> Boolean.TRUE.equals(j.getVariablesAsMap().get("released"))));
    long p3 = start(id);
    assertTrue(h.activateNow(after).isEmpty(), "a signal is not buffered for instances that wait later");
    assertTrue(h.isActive(p3));
    broadcast(signal, Map.of());
    assertEquals(p3, h.awaitJob(after).getProcessInstanceKey());
  }

  @Test
  void signalNameMayBeAnExpressionOnCatchEvents() {
    String id = unique("signal-expr");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait", e -> e.signal("=\"ready-\" + region"))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    String region = unique("eu");
    long pi = start(id, Map.of("region", region));
    broadcast("ready-other", Map.of());
    assertTrue(h.activateNow(after).isEmpty());
    broadcast("ready-" + region, Map.of());
    assertEquals(pi, h.awaitJob(after).getProcessInstanceKey());
  }

  @Test
  void boundarySignalsInterruptingAndNot() {
    String id = unique("signal-boundary");
    String work = unique("work");
    String status = unique("status");
    String aborted = unique("aborted");
    String statusSignal = unique("status-requested");
    String abortSignal = unique("abort");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(work))
        .boundaryEvent("status", b -> b.cancelActivity(false).signal(statusSignal))
        .serviceTask("s", t -> t.zeebeJobType(status)).endEvent()
        .moveToActivity("t").boundaryEvent("abort", b -> b.signal(abortSignal))
        .serviceTask("a", t -> t.zeebeJobType(aborted)).endEvent()
        .moveToActivity("t").endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(work);
    broadcast(statusSignal, Map.of());
    broadcast(statusSignal, Map.of());
    List<ActivatedJob> reports = h.awaitJobs(status, 2);
    reports.forEach(r -> h.complete(r, Map.of()));
    assertTrue(h.isActive(job.getElementInstanceKey()), "a non-interrupting signal leaves the task running");
    broadcast(abortSignal, Map.of("why", "stop"));
    ActivatedJob abort = h.awaitJob(aborted);
    assertEquals("stop", abort.getVariablesAsMap().get("why"));
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(job.getKey()).send().join());
    h.complete(abort, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void throwAndEndEventsBroadcastWithTheirInputMappings() {
    String listener = unique("signal-listener");
    String thrower = unique("signal-thrower");
    String midSignal = unique("halfway");
    String endSignal = unique("finished");
    String heard = unique("heard");
    String archived = unique("archived");
    deploy(Bpmn.createExecutableProcess(listener).startEvent()
        .intermediateCatchEvent("half", e -> e.signal(midSignal)).serviceTask("h", t -> t.zeebeJobType(heard))
        .endEvent().done());
    deploy(Bpmn.createExecutableProcess(unique("archiver")).startEvent("s").signal(endSignal)
        .serviceTask("a", t -> t.zeebeJobType(archived)).endEvent().done());
    long waiting = start(listener);
    deploy(Bpmn.createExecutableProcess(thrower).startEvent()
        .intermediateThrowEvent("announce", e -> e.signal(midSignal).zeebeInputExpression("step", "progress"))
        .endEvent("done", e -> e.signal(endSignal).zeebeInputExpression("\"all\"", "progress"))
        .done());
    long pi = start(thrower, Map.of("step", "half"));
    h.awaitCompleted(pi);
    ActivatedJob heardJob = h.awaitJob(heard);
    assertEquals(waiting, heardJob.getProcessInstanceKey());
    assertEquals("half", heardJob.getVariablesAsMap().get("progress"));
    ActivatedJob archive = h.awaitJob(archived);
    assertEquals("all", archive.getVariablesAsMap().get("progress"));
  }

  @Test
  void eventBasedGatewayWaitsForASignalToo() {
    String id = unique("signal-gateway");
    String signal = unique("approve");
    String approved = unique("approved");
    String late = unique("late");
    deploy(Bpmn.createExecutableProcess(id).startEvent().eventBasedGateway("g")
        .intermediateCatchEvent("sig", e -> e.signal(signal)).serviceTask("ok", t -> t.zeebeJobType(approved)).endEvent()
        .moveToNode("g").intermediateCatchEvent("timeout", e -> e.timerWithDuration("PT1H"))
        .serviceTask("no", t -> t.zeebeJobType(late)).endEvent().done());
    long pi = start(id);
    broadcast(signal, Map.of());
    h.complete(h.awaitJob(approved), Map.of());
    h.awaitCompleted(pi);
    h.clock.advance(java.time.Duration.ofHours(2));
    assertTrue(h.activateNow(late).isEmpty(), "the gateway's timer was closed");
  }

  @Test
  void signalSubscriptionsSurviveARestart() {
    String id = unique("signal-restart");
    String signal = unique("resume");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent().intermediateCatchEvent("wait", e -> e.signal(signal))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    h.restart();
    broadcast(signal, Map.of());
    assertEquals(pi, h.awaitJob(after).getProcessInstanceKey());
  }

  @Test
  void badBroadcastsAreRefused() {
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> broadcast(" ", Map.of()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> client().newBroadcastSignalCommand().signalName("x")
        .variables("[1]").send().join());
  }
}
