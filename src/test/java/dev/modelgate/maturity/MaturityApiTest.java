package dev.modelgate.maturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Assessments, history and evidence-based pre-filling through the HTTP API. */
class MaturityApiTest {

  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;
  static ApiClient viewer;
  static String project;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    lead = server.createUser("lena", "risk", List.of("lead"));
    engineer = server.createUser("eve", "risk", List.of("engineer"));
    viewer = server.createUser("vic", "risk", List.of("viewer"));
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "fraud").put("name", "Fraud"));
    project = p.json().getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject answers(int index) {
    JsonObject q = viewer.get("/maturity/questionnaire").json();
    JsonObject answers = new JsonObject();
    for (Object d : q.getJsonArray("dimensions")) {
      for (Object o : ((JsonObject) d).getJsonArray("questions")) {
        JsonObject question = (JsonObject) o;
        JsonArray options = question.getJsonArray("options");
        answers.put(question.getString("id"), options.getJsonObject(Math.min(index, options.size() - 1)).getString("id"));
      }
    }
    return answers;
  }

  @Test
  void assessmentsAreScoredAndKeptAsHistory() {
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "scored").put("name", "Scored"));
    assertEquals(201, p.status(), p::toString);
    String project = p.json().getString("id");
    ApiResponse first = engineer.post("/projects/" + project + "/maturity-assessments",
        new JsonObject().put("answers", answers(0)));
    assertEquals(201, first.status(), first::toString);
    assertEquals(0, first.json().getJsonObject("score").getJsonObject("overall").getInteger("microsoft"));
    ApiResponse second = lead.post("/projects/" + project + "/maturity-assessments",
        new JsonObject().put("answers", answers(3)).put("note", "after the platform work"));
    assertEquals(201, second.status(), second::toString);
    JsonObject overall = second.json().getJsonObject("score").getJsonObject("overall");
    assertEquals(2, overall.getInteger("google"));
    assertEquals(4, overall.getInteger("microsoft"));

    ApiResponse history = viewer.get("/projects/" + project + "/maturity-assessments");
    assertEquals(200, history.status());
    JsonArray items = history.items();
    assertEquals(2, items.size());
    assertEquals("lena", items.getJsonObject(0).getString("assessedBy"));
    assertEquals(0, items.getJsonObject(1).getJsonObject("score").getJsonObject("overall").getInteger("google"));
    assertEquals(1, items.getJsonObject(1).getJsonObject("score").getJsonArray("dimensions").getJsonObject(0)
        .getJsonObject("next").getJsonObject("google").getInteger("targetLevel"));
  }

  @Test
  void incompleteOrUnknownAnswersAreRefusedFieldByField() {
    ApiResponse empty = engineer.post("/projects/" + project + "/maturity-assessments",
        new JsonObject().put("answers", new JsonObject()));
    assertEquals(400, empty.status());
    assertEquals(14, empty.json().getJsonArray("errors").size());
    JsonObject wrong = answers(1).put("data-pipeline", "telepathy").put("colour", "blue");
    ApiResponse bad = engineer.post("/projects/" + project + "/maturity-assessments",
        new JsonObject().put("answers", wrong));
    assertEquals(400, bad.status());
    List<String> fields = bad.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).sorted().toList();
    assertEquals(List.of("answers.colour", "answers.data-pipeline"), fields);
    assertEquals(403, viewer.post("/projects/" + project + "/maturity-assessments",
        new JsonObject().put("answers", answers(0))).status());
  }

  @Test
  void prefillUsesWhatTheServerKnowsWithEvidence() {
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "churn").put("name", "Churn"));
    String churn = p.json().getString("id");
    JsonObject none = viewer.get("/projects/" + churn + "/maturity-assessments/prefill").json();
    assertTrue(none.getJsonObject("answers").isEmpty());
    assertEquals(14, none.getJsonArray("unanswered").size());

    JsonObject lineage = new JsonObject().put("runId", "r1").put("runUri", "https://mlflow.local/runs/r1")
        .put("datasetVersion", "d1").put("commit", "abc");
    JsonArray segments = new JsonArray().add(new JsonObject().put("name", "region:eu")
        .put("metrics", new JsonObject().put("auc", 0.8)));
    ApiResponse v1 = engineer.post("/projects/" + churn + "/model-versions", new JsonObject().put("model", "m")
        .put("version", "1").put("metrics", new JsonObject().put("auc", 0.8)).put("lineage", lineage)
        .put("segments", segments));
    assertEquals(201, v1.status(), v1::toString);
    ApiResponse v2 = engineer.post("/projects/" + churn + "/model-versions", new JsonObject().put("model", "m")
        .put("version", "2").put("metrics", new JsonObject().put("auc", 0.82)).put("lineage", lineage.copy().put("runId", "r2"))
        .put("segments", segments).put("baselineVersionId", v1.json().getString("id")));
    assertEquals(201, v2.status(), v2::toString);
    assertEquals(201, engineer.post("/projects/" + churn + "/time-entries", new JsonObject().put("duration", "2h")
        .put("activity", "training")).status());

    JsonObject prefill = viewer.get("/projects/" + churn + "/maturity-assessments/prefill").json();
    assertEquals(new JsonObject().put("experiment-records", "tracker").put("reproducibility", "versioned")
        .put("offline-validation", "segment-gate").put("cost-tracking", "tracked"), prefill.getJsonObject("answers"));
    assertEquals(10, prefill.getJsonArray("unanswered").size());
    JsonObject tracker = prefill.getJsonArray("evidence").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("question").equals("experiment-records")).findFirst().orElseThrow();
    assertTrue(tracker.getString("evidence").contains("all 2 registered model versions"), tracker::encode);
  }

  @Test
  void historyIsPagedNewestFirst() {
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "paged").put("name", "Paged"));
    String paged = p.json().getString("id");
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ApiResponse a = engineer.post("/projects/" + paged + "/maturity-assessments",
          new JsonObject().put("answers", answers(i % 3)).put("note", "n" + i));
      assertEquals(201, a.status(), a::toString);
      ids.add(0, a.json().getString("id"));
    }
    java.util.List<String> seen = new java.util.ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      ApiResponse r = viewer.get("/projects/" + paged + "/maturity-assessments?limit=2"
          + (after == null ? "" : "&after=" + after));
      assertEquals(200, r.status(), r::toString);
      assertTrue(r.items().size() <= 2);
      r.items().forEach(o -> seen.add(((JsonObject) o).getString("id")));
      after = r.json().getString("next");
      pages++;
    } while (after != null && pages < 10);
    assertEquals(ids, seen, "every assessment once, newest first");
    assertEquals(3, pages);
    assertEquals(400, viewer.get("/projects/" + paged + "/maturity-assessments?after=nonsense").status());
    assertEquals(400, viewer.get("/projects/" + paged + "/maturity-assessments?limit=0").status());
  }
}
