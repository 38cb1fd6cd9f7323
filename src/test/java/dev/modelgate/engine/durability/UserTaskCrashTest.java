package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SIGKILL in the middle of a user task's listeners: after the restart (which rebuilds from the log,
 * no snapshot was taken) the task is where the acknowledged listener results left it, corrections
 * included, and its next listener and execution listener come as they would have.
 */
class UserTaskCrashTest {

  private static List<ActivatedJob> activate(CamundaClient client, String type) {
    long deadline = System.nanoTime() + EngineHarness.DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs();
      if (!jobs.isEmpty()) {
        return jobs;
      }
    }
    throw new AssertionError("no job of type " + type);
  }

  @Test
  void listenerResultsSurviveAKillNineThroughTheLog() throws Exception {
    Path dir = Files.createTempDirectory("engine-ut-crash");
    long pi;
    EngineProcess engine = EngineProcess.start(dir, List.of("-Xmx256m"));
    try (CamundaClient client = EngineHarness.newClient(engine.port())) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("ut-crash").startEvent()
          .userTask("t", u -> u.zeebeUserTask().zeebeAssignee("quinn").zeebeStartExecutionListener("ut-crash-start")
              .zeebeTaskListener(l -> l.creating().type("ut-crash-creating"))
              .zeebeTaskListener(l -> l.assigning().type("ut-crash-assigning")))
          .endEvent().done(), "ut-crash.bpmn").send().join();
      pi = client.newCreateInstanceCommand().bpmnProcessId("ut-crash").latestVersion().send().join()
          .getProcessInstanceKey();
      client.newCompleteCommand(activate(client, "ut-crash-start").get(0)).send().join();
      ActivatedJob creating = activate(client, "ut-crash-creating").get(0);
      client.newCompleteCommand(creating).withResult(r -> r.forUserTask().correctPriority(77)
          .correctCandidateGroups(List.of("night-shift"))).send().join();
    }
    engine.kill();

    EngineProcess restarted = EngineProcess.start(dir, List.of("-Xmx256m"));
    try (CamundaClient client = EngineHarness.newClient(restarted.port())) {
      assertTrue(client.newActivateJobsCommand().jobType("ut-crash-creating").maxJobsToActivate(1)
          .requestTimeout(Duration.ofMillis(-1)).send().join().getJobs().isEmpty(), "the creating listener is done");
      ActivatedJob assigning = activate(client, "ut-crash-assigning").get(0);
      assertEquals(pi, assigning.getProcessInstanceKey());
      assertEquals(ListenerEventType.ASSIGNING, assigning.getListenerEventType());
      assertEquals("quinn", assigning.getUserTask().getAssignee());
      assertEquals(77, assigning.getUserTask().getPriority(), "the correction was replayed");
      assertEquals(List.of("night-shift"), assigning.getUserTask().getCandidateGroups());
      client.newCompleteCommand(assigning).send().join();
    } finally {
      restarted.kill();
    }
  }
}
