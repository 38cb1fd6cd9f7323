package dev.modelgate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.store.IdList;
import dev.modelgate.store.Ids;
import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bucketed version lists on the embedded store, with pages of 4 ids so every list spans several
 * pages: cursors continue across pages, nothing is listed twice or lost under concurrent registration,
 * entries a crash left behind are skipped, and the stage lookup follows stage changes.
 */
class ModelVersionListsTest {

  static Store store;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "versions", Files.createTempDirectory("modelgate-versions-"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static ModelVersion version(String project, String model, String version) {
    return new ModelVersion(Ids.newId(), project, "team", model, version, Map.of("auc", 0.9), List.of(), null, null,
        Stage.NONE, List.of(), "someone", Instant.now(), null);
  }

  private static List<String> walk(ModelVersionRepository repo, String project, Optional<String> model, int limit) {
    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      List<ModelVersion> page = repo.listByProject(project, model, after, limit + 1);
      List<ModelVersion> items = page.subList(0, Math.min(limit, page.size()));
      items.forEach(v -> seen.add(v.version()));
      if (page.size() <= limit) {
        return seen;
      }
      after = Optional.of(items.getLast().id());
    }
  }

  @Test
  void pagesFollowRegistrationOrderAcrossBucketPagesPerProjectAndPerModel() {
    ModelVersionRepository repo = new ModelVersionRepository(store, 4);
    repo.ensureIndexes();
    String project = Ids.newId();
    List<String> all = new ArrayList<>();
    List<String> churn = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String model = i % 3 == 0 ? "churn" : "fraud";
      assertTrue(repo.insert(version(project, model, "v" + i)));
      all.add("v" + i);
      if (model.equals("churn")) {
        churn.add("v" + i);
      }
    }
    repo.insert(version(Ids.newId(), "churn", "other-project"));
    assertEquals(all, walk(repo, project, Optional.empty(), 5));
    assertEquals(all, walk(repo, project, Optional.empty(), 1));
    assertEquals(churn, walk(repo, project, Optional.of("churn"), 3));
    assertEquals(churn, repo.listByModel(project, "churn").stream().map(ModelVersion::version).toList());
    // A cursor from another list gives nothing rather than a wrong page.
    String fraudId = repo.listByProject(project, Optional.of("fraud"), Optional.empty(), 1).getFirst().id();
    assertEquals(List.of(), repo.listByProject(project, Optional.of("churn"), Optional.of(fraudId), 10));
  }

  @Test
  void aRefusedDuplicateAndACrashLeftoverAreNotListed() {
    ModelVersionRepository repo = new ModelVersionRepository(store, 4);
    repo.ensureIndexes();
    String project = Ids.newId();
    assertTrue(repo.insert(version(project, "m", "1")));
    assertFalse(repo.insert(version(project, "m", "1")));
    // A crash between the list entry and the version document: the entry names no version.
    new IdList(store.collection("model_version_lists"), store.collection("model_version_counters"), 4)
        .append("project:" + project, Ids.newId());
    assertTrue(repo.insert(version(project, "m", "2")));
    assertEquals(List.of("1", "2"), walk(repo, project, Optional.empty(), 1));
  }

  @Test
  void concurrentRegistrationsAreEachListedOnce() throws Exception {
    ModelVersionRepository repo = new ModelVersionRepository(store, 4);
    repo.ensureIndexes();
    String project = Ids.newId();
    int n = 60;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String v = "c" + i;
        done.add(pool.submit(() -> repo.insert(version(project, "m", v))));
      }
      for (Future<Boolean> f : done) {
        assertTrue(f.get());
      }
    }
    List<String> listed = walk(repo, project, Optional.empty(), 7);
    assertEquals(n, listed.size());
    assertEquals(n, listed.stream().distinct().count());
  }

  @Test
  void countsFollowRegistrationsOnceAndAreBuiltOnceForAnOlderStore() throws Exception {
    ModelVersionRepository repo = new ModelVersionRepository(store, 4);
    repo.ensureIndexes();
    String project = Ids.newId();
    String baseline = Ids.newId();
    ModelVersion.Lineage full = new ModelVersion.Lineage("run-1", null, "ds-3", "abc123", Map.of());
    ModelVersion.Lineage runOnly = new ModelVersion.Lineage("run-2", null, null, null, Map.of());
    List<ModelVersion.Segment> segments = List.of(new ModelVersion.Segment("eu", Map.of("auc", 0.9)));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int k = i;
        done.add(pool.submit(() -> repo.insert(new ModelVersion(Ids.newId(), project, "team", "m", "v" + k,
            Map.of("auc", 0.9), k % 4 == 0 ? segments : List.of(), k % 3 == 0 ? full : runOnly,
            k % 2 == 0 ? baseline : null, Stage.NONE, List.of(), "someone", Instant.now(), null))));
      }
      for (Future<Boolean> f : done) {
        assertTrue(f.get());
      }
    }
    assertFalse(repo.insert(version(project, "m", "v1")), "a refused duplicate counts nothing");
    assertTrue(repo.insert(version(project, "other", "1")));
    // 13 versions: 12 with a run id, 4 with full lineage (0, 3, 6, 9), 6 with a baseline (even), 3 of them
    // with segments (0, 4, 8).
    VersionCounts expected = new VersionCounts(13, 12, 4, 6, 3);
    assertEquals(expected, repo.counts(project));
    assertEquals(new VersionCounts(0, 0, 0, 0, 0), repo.counts(Ids.newId()));

    // A store written before the counts existed: counted once at start.
    store.collection("model_version_counts").deleteMany(new org.bson.Document());
    store.collection("model_version_counters").deleteOne(new org.bson.Document("_id", "counts-built"));
    ModelVersionRepository restarted = new ModelVersionRepository(store, 4);
    restarted.ensureIndexes();
    restarted.ensureIndexes();
    assertEquals(expected, restarted.counts(project));
    assertTrue(restarted.insert(version(project, "other", "2")));
    assertEquals(14, restarted.counts(project).registered());
  }

  @Test
  void theStageLookupFollowsStageChanges() {
    ModelVersionRepository repo = new ModelVersionRepository(store, 4);
    repo.ensureIndexes();
    String project = Ids.newId();
    ModelVersion one = version(project, "m", "1");
    ModelVersion two = version(project, "m", "2");
    repo.insert(one);
    repo.insert(two);
    assertEquals(Optional.empty(), repo.findInStage(project, "m", Stage.PRODUCTION));
    assertTrue(repo.changeStage(one.id(), Stage.NONE, change(Stage.PRODUCTION)));
    assertEquals("1", repo.findInStage(project, "m", Stage.PRODUCTION).orElseThrow().version());
    assertTrue(repo.changeStage(two.id(), Stage.NONE, change(Stage.PRODUCTION)));
    assertTrue(repo.changeStage(one.id(), Stage.PRODUCTION, change(Stage.ARCHIVED)));
    assertEquals("2", repo.findInStage(project, "m", Stage.PRODUCTION).orElseThrow().version());
    assertEquals("1", repo.findInStage(project, "m", Stage.ARCHIVED).orElseThrow().version());
    // A refused change (the version is no longer where the caller thought) moves nothing.
    assertFalse(repo.changeStage(one.id(), Stage.PRODUCTION, change(Stage.CANARY)));
    assertEquals(Optional.empty(), repo.findInStage(project, "m", Stage.CANARY));
  }

  @Test
  void aStoreWrittenBeforeTheListsExistedIsListedAfterStart() throws Exception {
    Store old = Store.open(Optional.empty(), "old", Files.createTempDirectory("modelgate-old-versions-"));
    try {
      String project = Ids.newId();
      ModelVersion prod = new ModelVersion(Ids.newId(), project, "team", "m", "1", Map.of(), List.of(), null, null,
          Stage.PRODUCTION, List.of(), "x", Instant.now(), null);
      old.collection("model_versions").insertOne(ModelVersionRepository.toDocument(prod));
      old.collection("model_versions").insertOne(ModelVersionRepository.toDocument(version(project, "m", "2")));
      ModelVersionRepository repo = new ModelVersionRepository(old, 4);
      repo.ensureIndexes();
      assertEquals(List.of("1", "2"), walk(repo, project, Optional.empty(), 1));
      assertEquals(prod.id(), repo.findInStage(project, "m", Stage.PRODUCTION).orElseThrow().id());
      assertTrue(repo.insert(version(project, "m", "3")));
      assertEquals(List.of("1", "2", "3"), walk(repo, project, Optional.of("m"), 2));
    } finally {
      old.close();
    }
  }

  private static ModelVersion.StageChange change(Stage to) {
    return new ModelVersion.StageChange(to, Instant.now(), "wf", null, null);
  }
}
