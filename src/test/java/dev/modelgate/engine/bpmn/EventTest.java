package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest extends EngineTestBase {

  private static void publish(String name, String key, Duration ttl, Map<String, Object> vars) {
    client().newPublishMessageCommand().messageName(name).correlationKey(key).timeToLive(ttl).variables(vars)
        .send().join();
  }

  @Test
  void timerCatchEventFiresWhenTheClockMoves() {
    String id = unique("timer");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent().intermediateCatchEvent("wait", e -> e.timerWithDuration("PT10M"))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    h.clock.advance(Duration.ofMinutes(5));
    assertTrue(h.activateNow(after).isEmpty(), "not yet due");
    h.clock.advance(Duration.ofMinutes(6));
    ActivatedJob job = h.awaitJob(after);
    assertEquals(pi, job.getProcessInstanceKey());
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void timerDateAndFeelDuration() {
    String id = unique("timer-date");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait", e -> e.timerWithDurationExpression("delay"))
        .intermediateCatchEvent("until", e -> e.timerWithDate("2027-01-01T00:00:00Z"))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    long pi = start(id, Map.of("delay", "PT1H"));
    h.clock.advance(Duration.ofHours(2));
    assertTrue(h.activateNow(after).isEmpty(), "waits for the date");
    h.clock.advance(Duration.ofDays(370));
    h.complete(h.awaitJob(after), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void messageCatchCorrelatesByKeyAndMergesVariables() {
    String id = unique("msg");
    String name = unique("paid");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("paid", e -> e.message(m -> m.name(name).zeebeCorrelationKeyExpression("orderId")))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    long p1 = start(id, Map.of("orderId", "o-1"));
    long p2 = start(id, Map.of("orderId", "o-2"));
    publish(name, "o-2", Duration.ZERO, Map.of("amount", 7));
    ActivatedJob job = h.awaitJob(after);
    assertEquals(p2, job.getProcessInstanceKey());
    assertEquals(7, ((Number) job.getVariablesAsMap().get("amount")).intValue());
    assertTrue(h.isActive(p1));
    h.complete(job, Map.of());
    h.awaitCompleted(p2);
  }

  @Test
  void bufferedMessageCorrelatesWithinTtlOnly() {
    String id = unique("ttl");
    String name = unique("ready");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent().receiveTask("wait")
        .message(m -> m.name(name).zeebeCorrelationKeyExpression("key"))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    publish(name, "k-1", Duration.ofMinutes(10), Map.of("early", true));
    publish(name, "k-2", Duration.ofMinutes(1), Map.of());
    h.clock.advance(Duration.ofMinutes(2)); // the k-2 message expires
    long p1 = start(id, Map.of("key", "k-1"));
    long p2 = start(id, Map.of("key", "k-2"));
    ActivatedJob job = h.awaitJob(after);
    assertEquals(p1, job.getProcessInstanceKey());
    assertEquals(true, job.getVariablesAsMap().get("early"));
    assertTrue(h.activateNow(after).isEmpty(), "the expired message does not correlate");
    assertTrue(h.isActive(p2));
    // a buffered message correlates once per process instance
    long p3 = start(id, Map.of("key", "k-1"));
    ActivatedJob third = h.awaitJob(after);
    assertEquals(p3, third.getProcessInstanceKey());
  }

  @Test
  void messageIdIsUniqueWhileBuffered() {
    String name = unique("dup");
    client().newPublishMessageCommand().messageName(name).correlationKey("c").messageId("m-1")
        .timeToLive(Duration.ofMinutes(5)).send().join();
    assertStatus(Status.Code.ALREADY_EXISTS, () -> client().newPublishMessageCommand().messageName(name)
        .correlationKey("c").messageId("m-1").timeToLive(Duration.ofMinutes(5)).send().join());
    h.clock.advance(Duration.ofMinutes(6));
    EngineHarness.await(() -> {
      try {
        client().newPublishMessageCommand().messageName(name).correlationKey("c").messageId("m-1")
            .timeToLive(Duration.ofMinutes(5)).send().join();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }, "the message id to be free after the TTL");
  }

  @Test
  void interruptingTimerBoundaryCancelsTheTask() {
    String id = unique("boundary-timer");
    String work = unique("work");
    String escalate = unique("escalate");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(work))
        .boundaryEvent("late", b -> b.timerWithDuration("PT1H")).serviceTask("e", t -> t.zeebeJobType(escalate)).endEvent()
        .moveToActivity("t").endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(work);
    client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofDays(1)).send().join();
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob esc = h.awaitJob(escalate);
    assertEquals(pi, esc.getProcessInstanceKey());
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(job.getKey()).send().join());
    h.complete(esc, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void nonInterruptingCycleTimerBoundaryRemindsRepeatedly() {
    String id = unique("reminder");
    String work = unique("work");
    String remind = unique("remind");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(work))
        .boundaryEvent("r", b -> b.cancelActivity(false).timerWithCycle("R2/PT1H"))
        .serviceTask("remind", t -> t.zeebeJobType(remind)).endEvent()
        .moveToActivity("t").endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(work);
    client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofDays(1)).send().join();
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob r1 = h.awaitJob(remind);
    h.complete(r1, Map.of());
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob r2 = h.awaitJob(remind);
    h.complete(r2, Map.of());
    h.clock.advance(Duration.ofMinutes(61));
    assertTrue(h.activateNow(remind).isEmpty(), "R2 fires twice only");
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void messageBoundaryEventsInterruptingAndNot() {
    String id = unique("boundary-msg");
    String work = unique("work");
    String info = unique("info");
    String cancelled = unique("cancelled");
    String infoMsg = unique("note");
    String cancelMsg = unique("cancel");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(work))
        .boundaryEvent("note", b -> b.cancelActivity(false).message(m -> m.name(infoMsg).zeebeCorrelationKeyExpression("ref")))
        .serviceTask("i", t -> t.zeebeJobType(info)).endEvent()
        .moveToActivity("t").boundaryEvent("stop", b -> b.message(m -> m.name(cancelMsg).zeebeCorrelationKeyExpression("ref")))
        .serviceTask("c", t -> t.zeebeJobType(cancelled)).endEvent()
        .moveToActivity("t").endEvent().done());
    long pi = start(id, Map.of("ref", "x-1"));
    ActivatedJob job = h.awaitJob(work);
    publish(infoMsg, "x-1", Duration.ZERO, Map.of("note", "hello"));
    ActivatedJob i = h.awaitJob(info);
    assertEquals("hello", i.getVariablesAsMap().get("note"));
    h.complete(i, Map.of());
    publish(cancelMsg, "x-1", Duration.ZERO, Map.of());
    h.complete(h.awaitJob(cancelled), Map.of());
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(job.getKey()).send().join());
    h.awaitCompleted(pi);
  }

  @Test
  void errorEndEventIsCaughtBySubProcessBoundary() {
    String id = unique("error-end");
    String recover = unique("recover");
    deploy(Bpmn.createExecutableProcess(id).startEvent().subProcess("sp").embeddedSubProcess().startEvent()
        .endEvent("fail", e -> e.error("DEPLOY_FAILED")).subProcessDone()
        .boundaryEvent("onFail", b -> b.error("DEPLOY_FAILED")).serviceTask("r", t -> t.zeebeJobType(recover)).endEvent()
        .moveToActivity("sp").endEvent().done());
    long pi = start(id);
    h.complete(h.awaitJob(recover), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void terminateEndEventEndsParallelBranches() {
    String id = unique("terminate");
    String slow = unique("slow");
    deploy(Bpmn.createExecutableProcess(id).startEvent().parallelGateway("fork")
        .serviceTask("s", t -> t.zeebeJobType(slow)).endEvent()
        .moveToNode("fork").endEvent("stop", e -> e.terminate()).done());
    long pi = start(id);
    h.awaitCompleted(pi);
    assertTrue(h.activateNow(slow).isEmpty(), "the parallel task was terminated with the instance");
  }

  @Test
  void timerStartEventCreatesInstances() {
    String id = unique("timer-start");
    String work = unique("work");
    deploy(Bpmn.createExecutableProcess(id).startEvent("s").timerWithCycle("R2/PT1H")
        .serviceTask("t", t -> t.zeebeJobType(work)).endEvent().done());
    assertTrue(h.activateNow(work).isEmpty());
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob first = h.awaitJob(work);
    h.complete(first, Map.of());
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob second = h.awaitJob(work);
    h.complete(second, Map.of());
    assertFalse(first.getProcessInstanceKey() == second.getProcessInstanceKey());
    h.clock.advance(Duration.ofMinutes(61));
    assertTrue(h.activateNow(work).isEmpty(), "R2 starts two instances");
  }

  @Test
  void messageStartEventCreatesOneInstancePerCorrelationKey() {
    String id = unique("msg-start");
    String work = unique("work");
    String name = unique("drift-detected");
    deploy(Bpmn.createExecutableProcess(id).startEvent("s").message(name)
        .serviceTask("t", t -> t.zeebeJobType(work)).endEvent().done());
    publish(name, "model-1", Duration.ZERO, Map.of("model", "m1"));
    publish(name, "model-1", Duration.ZERO, Map.of("model", "m1-again"));
    ActivatedJob job = h.awaitJob(work);
    assertEquals("m1", job.getVariablesAsMap().get("model"));
    assertTrue(h.activateNow(work).isEmpty(), "an active instance for the key blocks a second one");
    h.complete(job, Map.of());
    h.awaitCompleted(job.getProcessInstanceKey());
    publish(name, "model-1", Duration.ZERO, Map.of("model", "m1-later"));
    List<ActivatedJob> later = h.awaitJobs(work, 1);
    assertEquals("m1-later", later.get(0).getVariablesAsMap().get("model"));
  }
}
