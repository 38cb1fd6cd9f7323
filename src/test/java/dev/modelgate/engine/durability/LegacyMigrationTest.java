package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineRecovery;
import dev.modelgate.engine.history.HistoryFilter.IncidentFilter;
import dev.modelgate.engine.history.IncidentView;
import dev.modelgate.engine.history.PageRequest;
import io.camunda.client.api.response.ActivatedJob;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A data directory written by main at 82335d6 (the command log; fixture {@code engine/legacy/legacy-store.zip},
 * made by {@code LegacyFixtureMain.java.txt} next to it: an old snapshot plus commands after it) is
 * migrated at first start, and its instances carry on through the client: activatable and activated
 * jobs, instances waiting on a message, a buffered message already correlated, an incident.
 */
class LegacyMigrationTest {

  private static Path unzipFixture() throws Exception {
    Path dir = Files.createTempDirectory("engine-legacy");
    try (InputStream in = LegacyMigrationTest.class.getResourceAsStream("/engine/legacy/legacy-store.zip");
        ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        Files.copy(zip, dir.resolve(e.getName()));
      }
    }
    return dir;
  }

  private static Set<Long> longs(Document manifest, String key) {
    Set<Long> out = new HashSet<>();
    for (Object o : manifest.getList(key, Object.class)) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  @Test
  void aCommandLogWrittenByTheOldEngineIsMigratedAndItsInstancesCarryOn() throws Exception {
    Path dir = unzipFixture();
    Document manifest = Document.parse(Files.readString(dir.resolve("manifest.json")));
    Set<Long> tasks = longs(manifest, "tasks");
    Set<Long> waits = longs(manifest, "waits");
    Set<Long> timedOutA = longs(manifest, "activatedA");
    long heldA = ((Number) manifest.get("heldA")).longValue();
    long failing = ((Number) manifest.get("failing")).longValue();
    long failingJob = ((Number) manifest.get("failingJob")).longValue();

    try (EngineHarness h = new EngineHarness(dir)) {
      EngineRecovery recovery = h.engine().recovery();
      assertTrue(recovery.legacyCommandsMigrated() > 0, "the command log was migrated: " + recovery);
      assertEquals(0, recovery.eventsReplayed());
      h.clock.advanceTo(((Number) manifest.get("clock")).longValue());

      // 8 instances at task a: 2 completed it, 1 holds an activated job (10 min timeout), 5 are activatable,
      // 2 of them because their activation timed out in the old engine
      List<ActivatedJob> a = h.activateNow("legacy-a");
      assertEquals(5, a.size());
      Set<Long> keys = new HashSet<>();
      a.forEach(j -> keys.add(j.getKey()));
      assertTrue(keys.containsAll(timedOutA), "jobs whose activation timed out are activatable again");
      assertFalse(keys.contains(heldA), "an activated job is not handed out again before its timeout");
      for (ActivatedJob j : a) {
        h.complete(j, Map.of("a", "done"));
      }
      h.clock.advance(Duration.ofMinutes(11));
      ActivatedJob held = h.awaitJob("legacy-a");
      assertEquals(heldA, held.getKey(), "the activated job comes back after its timeout");
      h.complete(held, Map.of("a", "done"));
      List<ActivatedJob> b = h.awaitJobs("legacy-b", 8);
      Set<Long> atB = new HashSet<>();
      Set<Object> ns = new HashSet<>();
      for (ActivatedJob j : b) {
        atB.add(j.getProcessInstanceKey());
        ns.add(j.getVariablesAsMap().get("n"));
        assertEquals("done", j.getVariablesAsMap().get("a"));
        h.complete(j, Map.of());
      }
      assertEquals(tasks, atB);
      assertEquals(8, ns.size(), "each instance kept its own variables");
      tasks.forEach(h::awaitCompleted);

      // w-0 took its buffered message before the migration; w-1 and w-2 wait for theirs
      ActivatedJob after0 = h.awaitJob("legacy-after");
      assertEquals("w-0", after0.getVariablesAsMap().get("id"));
      assertEquals(true, after0.getVariablesAsMap().get("go"));
      h.complete(after0, Map.of());
      for (String id : List.of("w-1", "w-2")) {
        h.client().newPublishMessageCommand().messageName("legacy-go").correlationKey(id).send().join();
        ActivatedJob after = h.awaitJob("legacy-after");
        assertEquals(id, after.getVariablesAsMap().get("id"));
        h.complete(after, Map.of());
      }
      waits.forEach(h::awaitCompleted);

      // the incident raised after the old snapshot is in the migrated history; resolving it retries the job
      List<IncidentView> incidents = h.engine().history().searchIncidents(
          new IncidentFilter(failing, "ACTIVE", null, null), PageRequest.firstPage()).items();
      assertEquals(1, incidents.size());
      assertEquals(failingJob, incidents.get(0).jobKey());
      assertEquals("legacy failure", incidents.get(0).errorMessage());
      h.client().newUpdateRetriesCommand(failingJob).retries(1).send().join();
      h.client().newResolveIncidentCommand(incidents.get(0).incidentKey()).send().join();
      h.complete(h.awaitJob("legacy-f"), Map.of());
      h.awaitCompleted(failing);

      // a second start replays events only: nothing is migrated again
      h.restart();
      EngineRecovery second = h.engine().recovery();
      assertEquals(0, second.legacyCommandsMigrated());
      assertEquals(0, second.commandsProcessedDuringReplay());
      long more = h.start("legacy-tasks", Map.of("n", 99));
      h.complete(h.awaitJob("legacy-a"), Map.of());
      h.complete(h.awaitJob("legacy-b"), Map.of());
      h.awaitCompleted(more);
      assertEquals(1, h.database().getCollection("engine_snapshot").countDocuments(new Document("_id", "migration")));
    }
  }
}
