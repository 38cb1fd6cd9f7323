package dev.modelgate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Teams, projects and model versions through the HTTP API of a real server. */
class RegistryApiTest {

  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;
  static ApiClient viewer;
  static ApiClient outsider;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lead = server.createUser("lena", "risk", List.of("lead"));
    engineer = server.createUser("eve", "risk", List.of("engineer"));
    viewer = server.createUser("vic", "risk", List.of("viewer"));
    outsider = server.createUser("otto", "other", List.of("lead", "engineer"));
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "scoring").put("name", "Scoring")
        .put("expectedBenefitPerMonth", 12000).put("budget", 50000));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject version(String model, String version) {
    return new JsonObject().put("model", model).put("version", version)
        .put("metrics", new JsonObject().put("auc", 0.9).put("f1", 0.71))
        .put("segments", new JsonArray().add(new JsonObject().put("name", "region:eu")
            .put("metrics", new JsonObject().put("auc", 0.88))))
        .put("lineage", new JsonObject().put("runId", "r1").put("runUri", "https://mlflow.local/runs/r1")
            .put("datasetVersion", "d7").put("commit", "abc123").put("params", new JsonObject().put("model.depth", 6)));
  }

  @Test
  void teamIsReadableByMembersOnly() {
    ApiResponse own = viewer.get("/teams/risk");
    assertEquals(200, own.status());
    assertEquals("risk", own.json().getString("slug"));
    assertEquals(404, outsider.get("/teams/risk").status());
    ApiResponse list = viewer.get("/teams");
    assertEquals(List.of("risk"), list.items().stream().map(o -> ((JsonObject) o).getString("slug")).toList());
  }

  @Test
  void duplicateTeamSlugIsAConflict() {
    ApiResponse r = server.admin().post("/teams", new JsonObject().put("slug", "risk").put("name", "Again"));
    assertEquals(409, r.status());
    assertEquals("application/problem+json", r.contentType());
    assertEquals("slug", r.json().getString("field"));
  }

  @Test
  void onlyAdminCreatesTeams() {
    assertEquals(403, lead.post("/teams", new JsonObject().put("slug", "new-team").put("name", "N")).status());
    assertEquals(401, server.anonymous().post("/teams", new JsonObject().put("slug", "x2").put("name", "N")).status());
    assertEquals(404, server.admin().get("/teams/new-team").status());
  }

  @Test
  void projectCreationNeedsLead() {
    ApiResponse r = engineer.post("/teams/risk/projects", new JsonObject().put("slug", "eng").put("name", "E"));
    assertEquals(403, r.status());
    assertTrue(r.json().getString("detail").contains("lead"), r::toString);
    assertEquals(404, outsider.post("/teams/risk/projects", new JsonObject().put("slug", "o").put("name", "O"))
        .status());
    ApiResponse dup = lead.post("/teams/risk/projects", new JsonObject().put("slug", "scoring").put("name", "S"));
    assertEquals(409, dup.status());
  }

  @Test
  void registersAndReadsAModelVersionWithLineage() {
    ApiResponse created = engineer.post("/projects/" + projectId + "/model-versions", version("churn", "1.0.0"));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    assertEquals("/api/v1/model-versions/" + id, created.header("location"));
    JsonObject read = viewer.get("/model-versions/" + id).json();
    assertEquals("churn", read.getString("model"));
    assertEquals("none", read.getString("stage"));
    assertEquals(0.9, read.getJsonObject("metrics").getDouble("auc"));
    assertEquals(0.88, read.getJsonArray("segments").getJsonObject(0).getJsonObject("metrics").getDouble("auc"));
    assertEquals(6, read.getJsonObject("lineage").getJsonObject("params").getInteger("model.depth"));
    assertEquals("eve", read.getString("submittedBy"));
    JsonArray history = read.getJsonArray("stageHistory");
    assertEquals(1, history.size());
    assertEquals("none", history.getJsonObject(0).getString("stage"));
    assertEquals(404, outsider.get("/model-versions/" + id).status());
  }

  @Test
  void duplicateModelVersionIsAConflictAndNothingIsWritten() {
    assertEquals(201, engineer.post("/projects/" + projectId + "/model-versions", version("dup", "1")).status());
    ApiResponse again = lead.post("/projects/" + projectId + "/model-versions", version("dup", "1"));
    assertEquals(409, again.status());
    ApiResponse list = viewer.get("/projects/" + projectId + "/model-versions?model=dup");
    assertEquals(1, list.items().size());
  }

  @Test
  void viewerAndProductCannotRegister() {
    ApiResponse r = viewer.post("/projects/" + projectId + "/model-versions", version("v", "1"));
    assertEquals(403, r.status());
  }

  @Test
  void lineageParametersHoldTextOnly() {
    JsonObject v = version("params", "1");
    v.getJsonObject("lineage").put("params", new JsonObject().put("note", "esc\u001b[31m").put("ok", "fine"));
    ApiResponse r = engineer.post("/projects/" + projectId + "/model-versions", v);
    assertEquals(400, r.status(), r::toString);
    assertEquals("lineage.params.note", r.json().getString("field"));
  }

  @Test
  void baselineMustBeInTheSameProject() {
    JsonObject v = version("base", "2").put("baselineVersionId", "0123456789abcdef01234567");
    ApiResponse r = engineer.post("/projects/" + projectId + "/model-versions", v);
    assertEquals(422, r.status());
    assertEquals("baselineVersionId", r.json().getString("field"));
  }

  @Test
  void pagesThroughVersionsInAStableOrderWithoutGapsOrRepeats() {
    for (int i = 0; i < 7; i++) {
      assertEquals(201, engineer.post("/projects/" + projectId + "/model-versions", version("paged", "0." + i))
          .status());
    }
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      ApiResponse page = viewer.get("/projects/" + projectId + "/model-versions?model=paged&limit=3"
          + (next == null ? "" : "&after=" + next));
      assertEquals(200, page.status(), page::toString);
      page.items().forEach(o -> seen.add(((JsonObject) o).getString("version")));
      next = page.json().getString("next");
      pages++;
    } while (next != null);
    assertEquals(3, pages);
    assertEquals(List.of("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"), seen);
    assertEquals(400, viewer.get("/projects/" + projectId + "/model-versions?limit=500").status());
    assertEquals(400, viewer.get("/projects/" + projectId + "/model-versions?limit=abc").status());
    assertEquals(400, viewer.get("/projects/" + projectId + "/model-versions?after=zzz").status());
  }

  @Test
  void unknownIdsAreNotFound() {
    assertEquals(404, viewer.get("/projects/0123456789abcdef01234567").status());
    assertEquals(404, viewer.get("/projects/not-an-id").status());
    assertEquals(404, viewer.get("/model-versions/0123456789abcdef01234567").status());
    ApiResponse r = viewer.get("/teams/nope/projects");
    assertEquals(404, r.status());
    assertEquals(r.json().getString("detail").replace("nope", "risk"),
        outsider.get("/teams/risk/projects").json().getString("detail"), "an outsider cannot tell a team exists");
    assertEquals(404, server.admin().get("/teams/nope/projects").status());
  }

  @Test
  void listsProjectsOfTheTeam() {
    ApiResponse r = viewer.get("/teams/risk/projects");
    assertEquals(200, r.status());
    Set<String> slugs = new HashSet<>();
    r.items().forEach(o -> slugs.add(((JsonObject) o).getString("slug")));
    assertTrue(slugs.contains("scoring"));
    assertNull(r.json().getString("next"));
    assertNotNull(viewer.get("/projects/" + projectId).json().getDouble("expectedBenefitPerMonth"));
  }
}
