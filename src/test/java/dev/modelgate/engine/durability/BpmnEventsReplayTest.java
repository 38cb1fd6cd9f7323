package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineRecovery;
import dev.modelgate.engine.processing.Results.StateFingerprint;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Signal subscriptions, event sub-processes and escalations come back from the event log alone:
 * with the snapshot removed the engine replays every event from the first (no command is processed),
 * reaches the same state digest as the live engine and the snapshot, and the instances go on: a
 * signal catch event, a non-interrupting signal event sub-process (which already ran once), a
 * timer-cycle event sub-process, and a non-interrupting escalation event sub-process that caught.
 */
class BpmnEventsReplayTest {

  @Test
  void signalAndEventSubProcessStateIsRebuiltFromTheEventsAlone() {
    try (EngineHarness h = new EngineHarness()) {
      h.deploy(Bpmn.createExecutableProcess("replay-events")
          .eventSubProcess("noteSp", esp -> esp.startEvent("onNote").interrupting(false).signal("replay-note")
              .serviceTask("noted", t -> t.zeebeJobType("replay-noted")).endEvent())
          .eventSubProcess("tickSp", esp -> esp.startEvent("onTick").interrupting(false).timerWithCycle("R/PT1H")
              .serviceTask("tick", t -> t.zeebeJobType("replay-tick")).endEvent())
          .eventSubProcess("escSp", esp -> esp.startEvent("onEsc").interrupting(false).escalation("late")
              .serviceTask("escalated", t -> t.zeebeJobType("replay-escalated")).endEvent())
          .startEvent().intermediateThrowEvent("raise", e -> e.escalation("late"))
          .intermediateCatchEvent("wait", e -> e.signal("replay-go"))
          .serviceTask("after", t -> t.zeebeJobType("replay-after")).endEvent().done());
      long pi = h.start("replay-events", Map.of());
      h.client().newBroadcastSignalCommand().signalName("replay-note").variables(Map.of("n", 1)).send().join();
      ActivatedJob first = h.awaitJob("replay-noted");
      assertEquals(1, ((Number) first.getVariablesAsMap().get("n")).intValue());
      h.complete(first, Map.of());
      ActivatedJob escalated = h.awaitJob("replay-escalated");

      StateFingerprint live = h.engine().stateFingerprint();
      h.restart(); // through the snapshot taken on close
      assertEquals(live.sha256(), h.engine().stateFingerprint().sha256(), "the snapshot restores the state");

      h.restart(db -> db.getCollection("engine_snapshot").deleteMany(new Document())); // the log alone
      EngineRecovery recovery = h.engine().recovery();
      assertEquals(0, recovery.snapshotSeq(), "no snapshot to start from");
      assertEquals(live.lastPosition(), recovery.eventsReplayed(), "every record since the first was applied");
      assertEquals(0, recovery.commandsProcessedDuringReplay(), "replay runs no processor");
      assertEquals(live, h.engine().stateFingerprint(), "the log alone rebuilds the same state");
      assertTrue(h.isActive(pi));

      h.client().newBroadcastSignalCommand().signalName("replay-note").variables(Map.of("n", 2)).send().join();
      ActivatedJob second = h.awaitJob("replay-noted");
      assertEquals(pi, second.getProcessInstanceKey());
      assertEquals(2, ((Number) second.getVariablesAsMap().get("n")).intValue());
      h.complete(second, Map.of());
      h.complete(escalated, Map.of());

      h.clock.advance(Duration.ofMinutes(61));
      ActivatedJob tick = h.awaitJob("replay-tick");
      assertEquals(pi, tick.getProcessInstanceKey());
      h.complete(tick, Map.of());

      h.client().newBroadcastSignalCommand().signalName("replay-go").send().join();
      h.complete(h.awaitJob("replay-after"), Map.of());
      h.awaitCompleted(pi);
    }
  }
}
