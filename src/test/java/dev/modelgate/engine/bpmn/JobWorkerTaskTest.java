package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class JobWorkerTaskTest extends EngineTestBase {

  @Test
  void jobCarriesVariablesHeadersAndMetadata() {
    String id = unique("jobs");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(type).zeebeJobRetries("5").zeebeTaskHeader("color", "blue"))
        .endEvent().done());
    long pi = start(id, Map.of("order", Map.of("id", "o-1", "amount", 12.5), "n", 3));
    ActivatedJob job = h.awaitJob(type);
    assertEquals(pi, job.getProcessInstanceKey());
    assertEquals(id, job.getBpmnProcessId());
    assertEquals("task", job.getElementId());
    assertEquals(5, job.getRetries());
    assertEquals(Map.of("color", "blue"), job.getCustomHeaders());
    assertEquals(Map.of("id", "o-1", "amount", 12.5), job.getVariablesAsMap().get("order"));
    assertEquals(3, ((Number) job.getVariablesAsMap().get("n")).intValue());
    h.complete(job, Map.of("result", "ok"));
    h.awaitCompleted(pi);
  }

  @Test
  void fetchVariablesLimitsWhatTheWorkerSees() {
    String id = unique("fetch");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent().done());
    start(id, Map.of("a", 1, "b", 2));
    List<ActivatedJob> jobs = List.of();
    long deadline = System.nanoTime() + EngineHarness.DEADLINE.toNanos();
    while (jobs.isEmpty() && System.nanoTime() < deadline) {
      jobs = client().newActivateJobsCommand().jobType(type).maxJobsToActivate(1).fetchVariables("b")
          .requestTimeout(Duration.ofMillis(300)).send().join().getJobs();
    }
    assertEquals(Set.of("b"), jobs.get(0).getVariablesAsMap().keySet());
  }

  @Test
  void completionVariablesReachTheNextTask() {
    String id = unique("chain");
    String t1 = unique("t1");
    String t2 = unique("t2");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("a", t -> t.zeebeJobType(t1))
        .serviceTask("b", t -> t.zeebeJobType(t2)).endEvent().done());
    long pi = start(id);
    h.complete(h.awaitJob(t1), Map.of("fromA", "hello"));
    ActivatedJob second = h.awaitJob(t2);
    assertEquals("hello", second.getVariablesAsMap().get("fromA"));
    h.complete(second, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void failWithRetriesAndBackoffThenIncidentAtZeroAndResolution() {
    String id = unique("fail");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(type);
    client().newFailCommand(job.getKey()).retries(2).retryBackoff(Duration.ofMinutes(1)).errorMessage("boom")
        .send().join();
    assertTrue(h.activateNow(type).isEmpty(), "job must wait for its back-off");
    h.clock.advance(Duration.ofMinutes(2));
    ActivatedJob again = h.awaitJob(type);
    assertEquals(job.getKey(), again.getKey());
    assertEquals(2, again.getRetries());
    client().newFailCommand(again.getKey()).retries(0).errorMessage("gave up").send().join();
    assertTrue(h.activateNow(type).isEmpty(), "a job without retries is not activatable");
    // an incident blocks it: update retries, then resolve the incident. The gateway protocol has no
    // incident query; the engine hands out keys in order, so the incident is the next key after the job's
    client().newUpdateRetriesCommand(again.getKey()).retries(1).send().join();
    assertTrue(h.activateNow(type).isEmpty(), "the incident still blocks the job");
    client().newResolveIncidentCommand(again.getKey() + 1).send().join();
    ActivatedJob third = h.awaitJob(type);
    assertEquals(1, third.getRetries());
    h.complete(third, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void jobTimesOutAndIsActivatableAgain() {
    String id = unique("timeout");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(type); // 5 minute timeout
    client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMinutes(20)).send().join();
    h.clock.advance(Duration.ofMinutes(10));
    assertTrue(h.activateNow(type).isEmpty(), "the longer timeout still holds");
    h.clock.advance(Duration.ofMinutes(11));
    ActivatedJob again = h.awaitJob(type);
    assertEquals(job.getKey(), again.getKey());
    h.complete(again, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void errorCodesFollowZeebe() {
    String id = unique("codes");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent().done());
    start(id);
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(123L).send().join());
    ActivatedJob job = h.awaitJob(type);
    client().newFailCommand(job.getKey()).retries(1).send().join();
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> client().newCompleteCommand(job.getKey()).send().join());
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> client().newUpdateRetriesCommand(job.getKey()).retries(0).send().join());
    assertStatus(Status.Code.NOT_FOUND, () -> client().newResolveIncidentCommand(42L).send().join());
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCancelInstanceCommand(42L).send().join());
    assertStatus(Status.Code.NOT_FOUND, () -> h.start("no-such-process", Map.of()));
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> client().newCreateInstanceCommand().bpmnProcessId(id).latestVersion().variables("[1,2]").send().join());
  }

  @Test
  void thrownErrorIsCaughtByBoundaryEventAndUncaughtBecomesIncident() {
    String id = unique("error");
    String type = unique("type");
    String handler = unique("handler");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("t", t -> t.zeebeJobType(type)).boundaryEvent("caught", b -> b.error("NOT_ENOUGH"))
        .serviceTask("h", t -> t.zeebeJobType(handler)).endEvent()
        .moveToActivity("t").endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(type);
    client().newThrowErrorCommand(job.getKey()).errorCode("NOT_ENOUGH").errorMessage("short")
        .variables(Map.of("reason", "stock")).send().join();
    ActivatedJob handled = h.awaitJob(handler);
    assertEquals("stock", handled.getVariablesAsMap().get("reason"));
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(job.getKey()).send().join());
    h.complete(handled, Map.of());
    h.awaitCompleted(pi);

    long pi2 = start(id);
    ActivatedJob job2 = h.awaitJob(type);
    client().newThrowErrorCommand(job2.getKey()).errorCode("OTHER").send().join();
    assertTrue(h.isActive(pi2), "an uncaught error leaves the instance waiting at an incident");
    assertTrue(h.activateNow(type).isEmpty());
  }

  @Test
  void userTaskJobHasZeebeHeaders() {
    String id = unique("user");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", u -> u.zeebeAssignee("=owner").zeebeCandidateGroups("compliance, product")
            .zeebeDueDate("2026-03-01T10:00:00Z"))
        .endEvent().done());
    long pi = start(id, Map.of("owner", "alice"));
    ActivatedJob job = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals(pi, job.getProcessInstanceKey());
    assertEquals("alice", job.getCustomHeaders().get("io.camunda.zeebe:assignee"));
    assertEquals("[\"compliance\", \"product\"]", job.getCustomHeaders().get("io.camunda.zeebe:candidateGroups"));
    assertEquals("2026-03-01T10:00:00Z", job.getCustomHeaders().get("io.camunda.zeebe:dueDate"));
    h.complete(job, Map.of("decision", "approve"));
    h.awaitCompleted(pi);
  }

  @Test
  void jobWorkersWithPollingAndStreamingCompleteJobs() throws Exception {
    for (boolean stream : new boolean[] {false, true}) {
      String id = unique("worker");
      String type = unique("type");
      deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent()
          .done());
      Set<Long> handled = ConcurrentHashMap.newKeySet();
      try (JobWorker worker = client().newWorker().jobType(type).handler((c, job) -> {
        handled.add(job.getProcessInstanceKey());
        c.newCompleteCommand(job.getKey()).send().join();
      }).streamEnabled(stream).pollInterval(Duration.ofMillis(50)).open()) {
        long a = start(id);
        long b = start(id);
        h.awaitCompleted(a);
        h.awaitCompleted(b);
        assertEquals(Set.of(a, b), handled, "stream=" + stream);
      }
    }
  }

  @Test
  void sendBusinessRuleReceiveManualAndUndefinedTasks() {
    String id = unique("kinds");
    String send = unique("send");
    String rule = unique("rule");
    String message = unique("reply");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .sendTask("send", t -> t.zeebeJobType(send))
        .businessRuleTask("rule", t -> t.zeebeJobType(rule))
        .manualTask("manual").task("undefined")
        .receiveTask("receive").message(m -> m.name(message).zeebeCorrelationKeyExpression("ref"))
        .endEvent().done());
    long pi = start(id, Map.of("ref", "r"));
    h.complete(h.awaitJob(send), Map.of());
    h.complete(h.awaitJob(rule), Map.of("score", 1));
    assertTrue(h.isActive(pi), "waits in the receive task");
    client().newPublishMessageCommand().messageName(message).correlationKey("r").send().join();
    h.awaitCompleted(pi);
  }

  @Test
  void errorFromACalledProcessIsCaughtAtTheCallActivity() {
    String parent = unique("parent");
    String child = unique("child");
    String type = unique("type");
    String handler = unique("handler");
    deploy(Bpmn.createExecutableProcess(child).startEvent().serviceTask("c", t -> t.zeebeJobType(type)).endEvent()
        .done());
    deploy(Bpmn.createExecutableProcess(parent).startEvent().callActivity("call", c -> c.zeebeProcessId(child))
        .boundaryEvent("failed", b -> b.error()).serviceTask("h", t -> t.zeebeJobType(handler)).endEvent()
        .moveToActivity("call").endEvent().done());
    long pi = start(parent);
    ActivatedJob job = h.awaitJob(type);
    client().newThrowErrorCommand(job.getKey()).errorCode("ANY").send().join();
    assertFalse(h.isActive(job.getProcessInstanceKey()), "the called instance was terminated");
    h.complete(h.awaitJob(handler), Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void cancelTerminatesTheInstanceAndItsJobs() {
    String id = unique("cancel");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(type);
    client().newCancelInstanceCommand(pi).send().join();
    assertFalse(h.isActive(pi));
    assertStatus(Status.Code.NOT_FOUND, () -> client().newCompleteCommand(job.getKey()).send().join());
  }

  @Test
  void longPollingAnswersWhenAJobAppears() throws Exception {
    String id = unique("longpoll");
    String type = unique("type");
    deploy(Bpmn.createExecutableProcess(id).startEvent().serviceTask("t", t -> t.zeebeJobType(type)).endEvent().done());
    var pending = client().newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(30)).send();
    Thread.sleep(100); // let the poll reach the engine before the job exists
    long pi = start(id);
    List<ActivatedJob> jobs = pending.join().getJobs();
    assertEquals(1, jobs.size(), "the long poll waited for the job");
    assertEquals(pi, jobs.get(0).getProcessInstanceKey());
  }

  @Test
  void feelNowIsTheEngineClock() {
    String id = unique("due");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("decide", u -> u.zeebeDueDateExpression("now() + duration(\"P3D\")")).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJobs("io.camunda.zeebe:userTask", 1).get(0);
    assertEquals(pi, job.getProcessInstanceKey());
    String expected = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        java.time.Instant.ofEpochMilli(h.clock.millis()).plus(Duration.ofDays(3)).atZone(java.time.ZoneOffset.UTC));
    assertEquals(expected, job.getCustomHeaders().get("io.camunda.zeebe:dueDate"));
    h.complete(job, Map.of());
  }
}
