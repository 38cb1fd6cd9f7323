package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineRecovery;
import dev.modelgate.engine.processing.Results.StateFingerprint;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.modelgate.engine.state.UserTask;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The state rebuilt from the event log alone (no snapshot: every record since the first) and the
 * state restored from the snapshot are both the state the engine had: same digest. Replay runs no
 * processor.
 */
class ReplayTest {

  @Test
  void theLogAloneAndTheSnapshotBothRebuildTheSameState() {
    try (EngineHarness h = new EngineHarness()) {
      h.deploy(Bpmn.createExecutableProcess("replay").startEvent().parallelGateway("fork")
          .serviceTask("each", t -> t.zeebeJobType("rp-each").multiInstance(m -> m.parallel()
              .zeebeInputCollectionExpression("items").zeebeInputElement("item")
              .zeebeOutputCollection("out").zeebeOutputElementExpression("item * 10")))
          .parallelGateway("join")
          .serviceTask("last", t -> t.zeebeJobType("rp-last")).endEvent()
          .moveToNode("fork").intermediateCatchEvent("timer", e -> e.timerWithDuration("PT1H"))
          .intermediateCatchEvent("msg", e -> e.message(m -> m.name("rp-msg").zeebeCorrelationKeyExpression("key")))
          .connectTo("join")
          .done());
      h.deploy(Bpmn.createExecutableProcess("replay-fail").startEvent()
          .serviceTask("f", t -> t.zeebeJobType("rp-fail")).endEvent().done());
      long pi = h.start("replay", Map.of("items", List.of(1, 2, 3), "key", "k"));
      List<ActivatedJob> jobs = h.awaitJobs("rp-each", 3);
      h.complete(jobs.get(0), Map.of("extra", Map.of("nested", List.of(1.5, "x", true))));
      h.client().newPublishMessageCommand().messageName("rp-msg").correlationKey("other")
          .timeToLive(Duration.ofHours(2)).variables(Map.of("m", 1)).send().join();
      long failing = h.start("replay-fail", Map.of());
      ActivatedJob f = h.awaitJob("rp-fail");
      h.client().newFailCommand(f.getKey()).retries(0).errorMessage("no").send().join();
      for (int i = 0; i < 20; i++) {
        h.start("replay-fail", Map.of("i", i));
      }
      h.client().newCancelInstanceCommand(h.start("replay-fail", Map.of())).send().join();

      StateFingerprint live = h.engine().stateFingerprint();
      assertTrue(live.lastPosition() > 100, "records were written: " + live);

      h.restart(); // through the snapshot taken on close
      assertEquals(live.sha256(), h.engine().stateFingerprint().sha256(), "snapshot restores the state");

      h.restart(db -> db.getCollection("engine_snapshot").deleteMany(new Document())); // the log alone
      EngineRecovery recovery = h.engine().recovery();
      assertEquals(0, recovery.snapshotSeq());
      assertEquals(live.lastPosition(), recovery.eventsReplayed(), "every record since the first was applied");
      assertEquals(0, recovery.commandsProcessedDuringReplay(), "replay runs no processor");
      StateFingerprint replayed = h.engine().stateFingerprint();
      assertEquals(live, replayed, "the log alone rebuilds the same state");

      // and it carries on
      h.complete(jobs.get(1), Map.of());
      h.complete(jobs.get(2), Map.of());
      h.clock.advance(Duration.ofMinutes(61)); // the timer fires; the message waits in its buffer if it comes first
      h.client().newPublishMessageCommand().messageName("rp-msg").correlationKey("k")
          .timeToLive(Duration.ofHours(1)).send().join();
      ActivatedJob last = h.awaitJob("rp-last");
      assertEquals(List.of(10, 20, 30), last.getVariablesAsMap().get("out"));
      h.complete(last, Map.of());
      h.awaitCompleted(pi);
      assertTrue(h.isActive(failing));
    }
  }

  /**
   * Camunda user tasks and listeners mid-way (a start listener done, a creating listener's correction, an
   * assignment waiting for its listener, a task still creating): the snapshot and the log alone both rebuild
   * the same state, and the tasks carry on from it.
   */
  @Test
  void userTasksAndListenersReplayToTheSameState() {
    try (EngineHarness h = new EngineHarness()) {
      h.deploy(Bpmn.createExecutableProcess("replay-ut").startEvent()
          .userTask("review", u -> u.zeebeUserTask().zeebeCandidateGroups("ops")
              .zeebeStartExecutionListener("rut-start")
              .zeebeTaskListener(l -> l.creating().type("rut-creating"))
              .zeebeTaskListener(l -> l.assigning().type("rut-assigning")))
          .endEvent().done());
      long pi = h.start("replay-ut", Map.of());
      long waiting = h.start("replay-ut", Map.of());
      h.complete(h.awaitJob("rut-start"), Map.of("prepared", true));
      h.complete(h.awaitJob("rut-start"), Map.of());
      List<ActivatedJob> creating = h.awaitJobs("rut-creating", 2);
      ActivatedJob first = creating.stream().filter(j -> j.getProcessInstanceKey() == pi).findFirst().orElseThrow();
      h.client().newCompleteCommand(first).withResult(r -> r.forUserTask().correctPriority(90)).send().join();
      UserTask task = h.engine().userTasks().open().join().stream()
          .filter(t -> t.processInstanceKey() == pi).findFirst().orElseThrow();
      assertEquals(UserTask.State.CREATED, task.state());
      h.engine().userTasks().assign(task.key(), "nina", null, true); // waits for its assigning listener
      ActivatedJob assigning = h.awaitJob("rut-assigning");

      StateFingerprint live = h.engine().stateFingerprint();
      h.restart();
      assertEquals(live.sha256(), h.engine().stateFingerprint().sha256(), "snapshot restores the user tasks");
      h.restart(db -> db.getCollection("engine_snapshot").deleteMany(new Document()));
      assertEquals(0, h.engine().recovery().commandsProcessedDuringReplay(), "replay runs no processor");
      assertEquals(live, h.engine().stateFingerprint(), "the log alone rebuilds the user tasks");

      UserTask back = h.engine().userTasks().get(task.key()).join();
      assertEquals(UserTask.State.ASSIGNING, back.state());
      assertEquals(90, back.attributes().priority(), "the creating listener's correction");
      h.complete(assigning, Map.of());
      assertEquals("nina", h.engine().userTasks().get(task.key()).join().attributes().assignee());
      h.engine().userTasks().complete(task.key(), "{}", null).join();
      h.awaitCompleted(pi);
      assertEquals(UserTask.State.CREATING, h.engine().userTasks().open().join().stream()
          .filter(t -> t.processInstanceKey() == waiting).findFirst().orElseThrow().state());
    }
  }
}
