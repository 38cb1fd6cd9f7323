package dev.modelgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.ChildServer;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    List<String> acknowledged = new ArrayList<>();
    try (ChildServer child = ChildServer.start(dataDir, ChildServer.freePort(), Map.of())) {
      ApiClient admin = child.clients().as("admin", TestServer.ADMIN_PASSWORD);
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
      child.kill();
    }
    try (TestServer restarted = TestServer.start(dataDir, Map.of())) {
      ApiClient admin = restarted.admin();
      for (String id : acknowledged) {
        ApiResponse r = admin.get("/model-versions/" + id);
        assertEquals(200, r.status(), () -> "lost acknowledged version " + id);
      }
    }
  }
}
