package dev.modelgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the API acknowledged is still there after a clean restart and after the process is killed. */
class PersistenceTest {

  @Test
  void dataSurvivesAStopAndStartOnTheSameDataDirectory() {
    try (TestServer server = TestServer.start()) {
      server.createTeam("keep");
      ApiClient lead = server.createUser("lee", "keep", List.of("lead", "engineer"));
      String project = lead.post("/teams/keep/projects", new JsonObject().put("slug", "kept").put("name", "K"))
          .json().getString("id");
      String version = lead.post("/projects/" + project + "/model-versions", new JsonObject().put("model", "m")
          .put("version", "1").put("metrics", new JsonObject().put("auc", 0.8))).json().getString("id");

      server.restart();

      ApiClient again = server.as("lee");
      assertEquals("K", again.get("/projects/" + project).json().getString("name"));
      assertEquals(0.8, again.get("/model-versions/" + version).json().getJsonObject("metrics").getDouble("auc"));
      assertEquals(409, again.post("/projects/" + project + "/model-versions", new JsonObject().put("model", "m")
          .put("version", "1").put("metrics", new JsonObject())).status(), "unique index survives restart");
    }
  }

  /**
   * Starts the real server in a child JVM, registers versions, kills it with SIGKILL right after the
   * last 201, and finds every acknowledged version after a restart on the same data.
   */
  @Test
  void acknowledgedWritesSurviveKillDashNine() throws Exception {
    Path dataDir = Files.createTempDirectory("modelgate-kill-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process child = startChild(dataDir, port);
    List<String> acknowledged = new ArrayList<>();
    try {
      ApiClient admin = new dev.modelgate.support.TestServerClients("http://127.0.0.1:" + port)
          .as("admin", TestServer.ADMIN_PASSWORD);
      assertEquals(201, admin.post("/teams", new JsonObject().put("slug", "crash").put("name", "C")).status());
      assertEquals(200, admin.put("/teams/crash/members/admin", new JsonObject().put("roles",
          new io.vertx.core.json.JsonArray().add("lead").add("engineer"))).status());
      String project = admin.post("/teams/crash/projects", new JsonObject().put("slug", "p1").put("name", "P"))
          .json().getString("id");
      for (int i = 0; i < 40; i++) {
        ApiResponse r = admin.post("/projects/" + project + "/model-versions", new JsonObject().put("model", "m")
            .put("version", "1." + i).put("metrics", new JsonObject().put("auc", i / 100.0)));
        assertEquals(201, r.status(), r::toString);
        acknowledged.add(r.json().getString("id"));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(20, TimeUnit.SECONDS);
    }
    try (TestServer restarted = TestServer.start(dataDir, Map.of())) {
      ApiClient admin = restarted.admin();
      for (String id : acknowledged) {
        ApiResponse r = admin.get("/model-versions/" + id);
        assertEquals(200, r.status(), () -> "lost acknowledged version " + id);
      }
    }
  }

  private static Process startChild(Path dataDir, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.modelgate.Main", "--http-port", Integer.toString(port), "--data-dir", dataDir.toString(),
        "--engine-address", "127.0.0.1:0");
    pb.environment().put("MODELGATE_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("ModelGate ready")) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the child's pipe from filling up
            }
          } catch (Exception ignored) {
            // child gone
          }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("child server did not start:\n" + seen);
  }
}
