package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineRecovery;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * Signal subscriptions and event sub-processes come back from the event log alone: with the
 * snapshot removed, the engine replays every event from the start (no command is processed) and the
 * instance goes on: its signal catch event, its non-interrupting signal event sub-process (which
 * already ran once) and its timer-cycle event sub-process all still wait.
 */
class BpmnEventsReplayTest {

  @Test
  void signalAndEventSubProcessSubscriptionsAreRebuiltFromTheEventsAlone() throws Exception {
    Path dir = Files.createTempDirectory("engine-replay");
    long pi;
    try (EngineHarness h = new EngineHarness(dir)) {
      h.deploy(Bpmn.createExecutableProcess("replay-events")
          .eventSubProcess("noteSp", esp -> esp.startEvent("onNote").interrupting(false).signal("replay-note")
              .serviceTask("noted", t -> t.zeebeJobType("replay-noted")).endEvent())
          .eventSubProcess("tickSp", esp -> esp.startEvent("onTick").interrupting(false).timerWithCycle("R/PT1H")
              .serviceTask("tick", t -> t.zeebeJobType("replay-tick")).endEvent())
          .startEvent().intermediateCatchEvent("wait", e -> e.signal("replay-go"))
          .serviceTask("after", t -> t.zeebeJobType("replay-after")).endEvent().done());
      pi = h.start("replay-events", Map.of());
      h.client().newBroadcastSignalCommand().signalName("replay-note").variables(Map.of("n", 1)).send().join();
      ActivatedJob first = h.awaitJob("replay-noted");
      assertEquals(1, ((Number) first.getVariablesAsMap().get("n")).intValue());
      h.complete(first, Map.of());
    }
    dropSnapshots(dir);

    try (EngineHarness h = new EngineHarness(dir)) {
      EngineRecovery recovery = h.engine().recovery();
      assertEquals(0, recovery.snapshotSeq(), "no snapshot to start from");
      assertTrue(recovery.eventsReplayed() > 0);
      assertEquals(0, recovery.commandsProcessedDuringReplay());
      assertTrue(h.isActive(pi));

      h.client().newBroadcastSignalCommand().signalName("replay-note").variables(Map.of("n", 2)).send().join();
      ActivatedJob second = h.awaitJob("replay-noted");
      assertEquals(pi, second.getProcessInstanceKey());
      assertEquals(2, ((Number) second.getVariablesAsMap().get("n")).intValue());
      h.complete(second, Map.of());

      h.clock.advance(Duration.ofMinutes(61));
      ActivatedJob tick = h.awaitJob("replay-tick");
      assertEquals(pi, tick.getProcessInstanceKey());
      h.complete(tick, Map.of());

      h.client().newBroadcastSignalCommand().signalName("replay-go").send().join();
      h.complete(h.awaitJob("replay-after"), Map.of());
      h.awaitCompleted(pi);
    }
  }

  /** Removes the snapshots (the one taken on close included), so that the next start replays the whole log. */
  private static void dropSnapshots(Path dir) {
    MVStore store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).open();
    MongoServer server = new MongoServer(new H2Backend(store));
    InetSocketAddress address = server.bind();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
      client.getDatabase("modelgate").getCollection("engine_snapshot").deleteMany(new Document());
    } finally {
      server.shutdownNow();
      store.close();
    }
  }
}
