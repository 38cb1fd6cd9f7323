package dev.modelgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.Await;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * The embedded store on a disk that fills up: the data directory is a small tmpfs mounted for the test
 * (needs root, as in CI; skipped for other users). A write that cannot be made durable answers 503 with
 * Retry-After, readiness says 503, and once space is back the server reopens its store by itself; every
 * acknowledged write is there, before and after a restart, and workflows run again. A unit of work whose
 * writes went to the failed store never passes the durability barrier of the reopened one.
 */
class FullDiskTest {

  private static final Random RANDOM = new Random(11);

  @Test
  void writesOfTheFailedStoreNeverPassTheBarrierOfTheReopenedOne() throws Exception {
    Path mountPoint = mountSmallDisk();
    try {
      try (Store store = Store.open(Optional.empty(), "epochs", mountPoint.resolve("data"), Duration.ofMillis(50))) {
        DurabilityBarrier barrier = store.durability();
        long first = barrier.mark();
        store.collection("docs").insertOne(new Document("_id", "kept"));
        barrier.awaitDurable(first);

        Path filler = mountPoint.resolve("filler");
        fill(filler);
        long lost = barrier.mark();
        byte[] big = new byte[4 * 1024 * 1024];
        RANDOM.nextBytes(big);
        try {
          store.collection("docs").insertOne(new Document("_id", "lost").append("b", new Binary(big)));
        } catch (RuntimeException alreadyFailed) {
          // H2's background writer may have hit the full disk first
        }
        assertThrows(StoreUnavailableException.class, () -> barrier.awaitDurable(lost));
        assertFalse(barrier.available());

        Files.delete(filler);
        Await.until("the store to be reopened", barrier::available, up -> up);
        assertThrows(StoreUnavailableException.class, () -> barrier.awaitDurable(lost),
            "a write made to the failed store is not made durable by committing the reopened one");
        assertNull(store.collection("docs").find(new Document("_id", "lost")).first());
        assertNotNull(store.collection("docs").find(new Document("_id", "kept")).first());
        long again = barrier.mark();
        store.collection("docs").insertOne(new Document("_id", "after"));
        barrier.awaitDurable(again);
      }
      try (Store reopened = Store.open(Optional.empty(), "epochs", mountPoint.resolve("data"))) {
        assertNotNull(reopened.collection("docs").find(new Document("_id", "after")).first());
        assertNull(reopened.collection("docs").find(new Document("_id", "lost")).first());
      }
    } finally {
      unmount(mountPoint);
    }
  }

  @Test
  void aFullDiskAnswers503AndTheServerRecoversWithoutARestart() throws Exception {
    Path mountPoint = mountSmallDisk();
    try {
      Path dataDir = mountPoint.resolve("data");
      try (TestServer server = TestServer.start(dataDir, Map.of("MODELGATE_STORE_PROBE_MS", "100",
          "MODELGATE_STORE_RETRY_AFTER_SECONDS", "7"))) {
        server.createTeam("disk");
        ApiClient dana = server.createUser("dana", "disk", List.of("lead", "engineer"));
        server.createUser("erin", "disk", List.of("engineer"));
        ApiClient erin = server.as("erin");
        String project = dana.post("/teams/disk/projects", new JsonObject().put("slug", "full").put("name", "F"))
            .json().getString("id");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          ApiResponse r = register(dana, project, "before-" + i);
          assertEquals(201, r.status(), r::toString);
          acknowledged.add(r.json().getString("id"));
        }
        String before = startReview(dana, acknowledged.getFirst());
        awaitPeerTask(erin, before);

        Path filler = mountPoint.resolve("filler");
        fill(filler);
        ApiResponse refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
          ApiResponse r = register(dana, project, "full-" + i);
          if (r.status() == 201) {
            acknowledged.add(r.json().getString("id")); // it still fit: acknowledged, so it must be kept
          } else {
            refused = r;
          }
        }
        assertNotNull(refused, "no write was refused on a full disk");
        assertEquals(503, refused.status(), refused::toString);
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("7", refused.header("Retry-After"));
        ApiResponse ready = server.anonymous().get("/health/ready");
        assertEquals(503, ready.status(), ready::toString);
        assertEquals("DOWN", ready.json().getJsonObject("checks").getString("store"));
        assertTrue(server.anonymous().get("/metrics").body().contains("modelgate_store_available 0.0"));
        ApiResponse whileFull = register(dana, project, "while-full");
        assertEquals(503, whileFull.status(), whileFull::toString);
        assertEquals("7", whileFull.header("Retry-After"));
        ApiResponse read = dana.get("/model-versions/" + acknowledged.getFirst());
        assertEquals(503, read.status(), "reads wait too: the failed store's memory may hold unsaved writes");
        ApiResponse page = server.anonymous().get(server.baseUrl() + "/login");
        assertEquals(503, page.status(), page::toString);
        assertEquals("7", page.header("Retry-After"));

        Files.delete(filler);
        Await.until("readiness after space came back", () -> server.anonymous().get("/health/ready").status(),
            s -> s == 200);
        assertTrue(server.anonymous().get("/metrics").body().contains("modelgate_store_available 1.0"));
        ApiResponse after = register(dana, project, "after");
        assertEquals(201, after.status(), after::toString);
        acknowledged.add(after.json().getString("id"));
        assertAllThere(dana, acknowledged);
        awaitPeerTask(erin, before);
        awaitPeerTask(erin, startReview(dana, after.json().getString("id")));

        server.restart();
        assertAllThere(server.as("dana"), acknowledged);
        awaitPeerTask(server.as("erin"), before);
      }
    } finally {
      unmount(mountPoint);
    }
  }

  /**
   * A 32 MB tmpfs. Skipped when not root; as root (CI) the mount must work, so that the test cannot go
   * quietly missing where it is meant to run.
   */
  private static Path mountSmallDisk() throws IOException, InterruptedException {
    assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
        "needs root to mount a tmpfs (CI runs as root)");
    Path mountPoint = Files.createTempDirectory("modelgate-full-disk-");
    if (run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mountPoint.toString()) != 0) {
      Files.deleteIfExists(mountPoint);
      throw new AssertionError("running as root but cannot mount a tmpfs at " + mountPoint);
    }
    return mountPoint;
  }

  private static void unmount(Path mountPoint) throws IOException, InterruptedException {
    if (run("umount", mountPoint.toString()) != 0) {
      run("umount", "-l", mountPoint.toString());
    }
    Files.deleteIfExists(mountPoint);
  }

  /** A version of about 100 KB (random lineage parameters), so that the store's file must grow. */
  private static ApiResponse register(ApiClient who, String project, String version) {
    JsonObject params = new JsonObject();
    for (int i = 0; i < 50; i++) {
      params.put("p" + i, randomText(2000));
    }
    return who.post("/projects/" + project + "/model-versions", new JsonObject().put("model", "m")
        .put("version", version).put("metrics", new JsonObject().put("auc", 0.7))
        .put("lineage", new JsonObject().put("params", params)));
  }

  private static String startReview(ApiClient who, String versionId) {
    ApiResponse r = who.post("/model-versions/" + versionId + "/workflows", new JsonObject().put("type", "review"));
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private static void awaitPeerTask(ApiClient reviewer, String workflowId) {
    Await.until("a peer-review task of workflow " + workflowId, () -> reviewer.get("/tasks?workflowId=" + workflowId),
        r -> r.status() == 200 && r.items().stream()
            .anyMatch(t -> ((JsonObject) t).getString("elementId").equals("peer-review")));
  }

  private static void assertAllThere(ApiClient who, List<String> ids) {
    for (String id : ids) {
      ApiResponse r = who.get("/model-versions/" + id);
      assertEquals(200, r.status(), () -> "lost acknowledged version " + id + ": " + r);
    }
  }

  /** Writes into {@code file} until the file system refuses for lack of space. */
  private static void fill(Path file) {
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 1024; i++) {
        RANDOM.nextBytes(chunk);
        out.write(chunk);
      }
    } catch (IOException expected) {
      return;
    }
    throw new AssertionError("the test file system did not fill up");
  }

  private static String randomText(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return b.toString();
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException noSuchCommand) {
      return -1;
    }
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
