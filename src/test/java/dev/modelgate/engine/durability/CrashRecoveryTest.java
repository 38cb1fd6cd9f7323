package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Kills the engine's JVM with SIGKILL right after acknowledged commands, restarts it on the same
 * data, and checks that every acknowledged instance finishes exactly once: jobs that were
 * activated come back after their timeout, timers fire late, buffered messages still correlate,
 * and no acknowledged job completion is ever handed out again.
 */
class CrashRecoveryTest {
  private static final int INSTANCES = 60;
  /** Jobs left activated before the kill: they must come back after it, so soon. */
  private static final Duration ABANDONED_TIMEOUT = Duration.ofSeconds(2);
  /**
   * Jobs the test completes right after activating them: a timeout no slow machine reaches, so that a
   * completion is never refused because the job timed out while the test worked through its batch.
   */
  private static final Duration WORKING_TIMEOUT = Duration.ofMinutes(5);

  private static BpmnModelInstance threeTasks() {
    return Bpmn.createExecutableProcess("crash-tasks").startEvent()
        .serviceTask("a", t -> t.zeebeJobType("crash-a")).serviceTask("b", t -> t.zeebeJobType("crash-b"))
        .serviceTask("record", t -> t.zeebeJobType("crash-record")).endEvent().done();
  }

  private static BpmnModelInstance timerAndMessage() {
    return Bpmn.createExecutableProcess("crash-wait").startEvent()
        .intermediateCatchEvent("timer", e -> e.timerWithDuration("PT2S"))
        .intermediateCatchEvent("msg", e -> e.message(m -> m.name("crash-go").zeebeCorrelationKeyExpression("id")))
        .serviceTask("record", t -> t.zeebeJobType("crash-record")).endEvent().done();
  }

  /** What the workers saw; job keys whose completion was acknowledged must never come back. */
  private final Set<Long> acknowledgedCompletions = ConcurrentHashMap.newKeySet();
  private final Map<Long, Integer> recordedPerInstance = new ConcurrentHashMap<>();
  private final List<String> doneTwice = new ArrayList<>();

  /**
   * Activates and completes jobs of all types for a while (at most {@code maxCompletions}); returns the
   * number completed. With {@code leaveSomeActivated}, first activates a few jobs of each type with a short
   * timeout and never completes them: they must come back after their timeout, across the kill.
   */
  private int work(CamundaClient client, int maxCompletions, boolean leaveSomeActivated) {
    int completed = 0;
    for (String type : List.of("crash-a", "crash-b", "crash-record")) {
      if (leaveSomeActivated) {
        activate(client, type, 3, ABANDONED_TIMEOUT);
      }
      if (completed >= maxCompletions) {
        return completed;
      }
      // no more than it completes: an activated job left over would not come back within the test
      for (ActivatedJob job : activate(client, type, Math.min(20, maxCompletions - completed), WORKING_TIMEOUT)) {
        client.newCompleteCommand(job.getKey()).send().join();
        acknowledgedCompletions.add(job.getKey());
        if (type.equals("crash-record")) {
          recordedPerInstance.merge(job.getProcessInstanceKey(), 1, Integer::sum);
        }
        completed++;
      }
    }
    return completed;
  }

  /** Activates jobs of a type, noting any whose completion was already acknowledged. */
  private List<ActivatedJob> activate(CamundaClient client, String type, int max, Duration timeout) {
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(max)
        .timeout(timeout).requestTimeout(Duration.ofMillis(-1)).send().join().getJobs();
    for (ActivatedJob job : jobs) {
      if (acknowledgedCompletions.contains(job.getKey())) {
        synchronized (doneTwice) {
          doneTwice.add("job " + job.getKey() + " was handed out again after its completion was acknowledged");
        }
      }
    }
    return jobs;
  }

  @Test
  void everyAcknowledgedInstanceFinishesExactlyOnceAfterKill9() throws Exception {
    Path dir = Files.createTempDirectory("engine-crash");
    List<Long> instances = new ArrayList<>();
    EngineProcess engine = EngineProcess.start(dir, List.of("-Xmx256m"));
    try (CamundaClient client = EngineHarness.newClient(engine.port())) {
      client.newDeployResourceCommand().addProcessModel(threeTasks(), "tasks.bpmn")
          .addProcessModel(timerAndMessage(), "wait.bpmn").send().join();
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(client.newCreateInstanceCommand().bpmnProcessId("crash-tasks").latestVersion().send().join()
            .getProcessInstanceKey());
      }
      for (int i = 0; i < 10; i++) {
        String id = "w-" + i;
        instances.add(client.newCreateInstanceCommand().bpmnProcessId("crash-wait").latestVersion()
            .variables(Map.of("id", id)).send().join().getProcessInstanceKey());
        // buffered: the instance waits on its timer first
        client.newPublishMessageCommand().messageName("crash-go").correlationKey(id).timeToLive(Duration.ofHours(1))
            .send().join();
      }
      // make some progress, leave some jobs activated, then kill right after an acknowledged completion
      work(client, 40, true);
      work(client, 25, true);
    }
    engine.kill();

    final EngineProcess restarted = EngineProcess.start(dir, List.of("-Xmx256m"));
    try (CamundaClient client = EngineHarness.newClient(restarted.port())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (recordedPerInstance.size() < instances.size() && System.nanoTime() < deadline) {
        if (work(client, Integer.MAX_VALUE, false) == 0) {
          Thread.sleep(50);
        }
      }
      // once every instance is done, nothing may come back, even after the abandoned jobs' timeout
      Thread.sleep(ABANDONED_TIMEOUT.toMillis() + 500);
      assertEquals(0, work(client, Integer.MAX_VALUE, false), "no job is left or handed out again");
      for (long pi : instances) {
        assertTrue(!isActive(client, pi), "instance " + pi + " is still active");
      }
    } finally {
      restarted.kill();
    }
    assertTrue(doneTwice.isEmpty(), String.join("\n", doneTwice));
    assertEquals(Set.copyOf(instances), recordedPerInstance.keySet(), "every instance reached its last task");
    recordedPerInstance.forEach((pi, n) -> assertEquals(1, n, "instance " + pi + " recorded its outcome twice"));
  }

  /**
   * SIGKILL right after acknowledged commands (nothing is due meanwhile: long timer, long job timeouts,
   * long message TTL): the restarted engine's state, rebuilt from the events alone, is the state the
   * killed one had after its last acknowledged command, digest for digest, and no processor ran.
   */
  @Test
  void theStateAfterKill9IsTheAcknowledgedStateAndReplayRunsNoProcessor() throws Exception {
    Path dir = Files.createTempDirectory("engine-crash-identity");
    EngineProcess engine = EngineProcess.start(dir, List.of("-Xmx256m"));
    String[] before;
    try (CamundaClient client = EngineHarness.newClient(engine.port())) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("identity").startEvent()
          .serviceTask("a", t -> t.zeebeJobType("id-a")).parallelGateway("fork")
          .serviceTask("b", t -> t.zeebeJobType("id-b")).parallelGateway("join").endEvent()
          .moveToNode("fork").intermediateCatchEvent("t", e -> e.timerWithDuration("PT1H"))
          .intermediateCatchEvent("m", e -> e.message(m -> m.name("id-go").zeebeCorrelationKeyExpression("id")))
          .connectTo("join").done(), "identity.bpmn").send().join();
      for (int i = 0; i < 40; i++) {
        client.newCreateInstanceCommand().bpmnProcessId("identity").latestVersion()
            .variables(Map.of("id", "i-" + i, "n", i)).send().join();
      }
      List<ActivatedJob> a = client.newActivateJobsCommand().jobType("id-a").maxJobsToActivate(30)
          .timeout(Duration.ofMinutes(30)).send().join().getJobs();
      for (int i = 0; i < 20; i++) {
        client.newCompleteCommand(a.get(i).getKey()).variables(Map.of("a", i)).send().join();
      }
      client.newActivateJobsCommand().jobType("id-b").maxJobsToActivate(5).timeout(Duration.ofMinutes(30)).send()
          .join();
      for (int i = 0; i < 10; i++) {
        client.newPublishMessageCommand().messageName("id-go").correlationKey("i-" + i)
            .timeToLive(Duration.ofHours(1)).send().join();
      }
      before = engine.fingerprint(dir);
    }
    engine.kill();

    EngineProcess restarted = EngineProcess.start(dir, List.of("-Xmx256m"));
    try {
      String[] after = restarted.fingerprint(dir);
      assertEquals(before[0], after[0], "same state digest after SIGKILL and replay");
      assertEquals(before[1], after[1], "same last record position");
      assertEquals(Long.parseLong(before[1]), Long.parseLong(after[2]), "every record was replayed (no snapshot)");
      assertEquals("0", after[3], "replay ran no command processor");
    } finally {
      restarted.kill();
    }
  }

  private static boolean isActive(CamundaClient client, long pi) {
    try {
      client.newSetVariablesCommand(pi).variables(Map.of()).send().join();
      return true;
    } catch (io.camunda.client.api.command.ClientStatusException e) {
      return false;
    }
  }
}
