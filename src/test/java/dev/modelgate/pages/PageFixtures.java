package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Data the page tests set up through the API, and short polling for what workflows do asynchronously. */
final class PageFixtures {

  private PageFixtures() {}

  static String project(ApiClient lead, String team, String slug) {
    ApiResponse p = lead.post("/teams/" + team + "/projects", new JsonObject().put("slug", slug).put("name", slug)
        .put("expectedBenefitPerMonth", 10000).put("budget", 50000));
    assertEquals(201, p.status(), p::toString);
    return p.json().getString("id");
  }

  /** Registers a version with overall and per-segment AUC; {@code baseline} may be null. */
  static String version(ApiClient engineer, String projectId, String model, String version, double auc, double eu,
      double us, String baseline) {
    JsonObject body = new JsonObject().put("model", model).put("version", version)
        .put("metrics", new JsonObject().put("auc", auc))
        .put("segments", new JsonArray()
            .add(new JsonObject().put("name", "eu").put("metrics", new JsonObject().put("auc", eu)))
            .add(new JsonObject().put("name", "us").put("metrics", new JsonObject().put("auc", us))))
        .put("lineage", new JsonObject().put("runId", "run-" + version).put("runUri", "https://mlflow.test/runs/"
            + version));
    if (baseline != null) {
      body.put("baselineVersionId", baseline);
    }
    ApiResponse r = engineer.post("/projects/" + projectId + "/model-versions", body);
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  static String startWorkflow(ApiClient who, String versionId, String type) {
    ApiResponse r = who.post("/model-versions/" + versionId + "/workflows", new JsonObject().put("type", type));
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  /** The id of the open task of {@code elementId} in the workflow, once the inbox has it. */
  static String awaitTask(ApiClient who, String workflowId, String elementId) {
    JsonObject t = await("task " + elementId + " of " + workflowId, () -> {
      ApiResponse r = who.get("/tasks?workflowId=" + workflowId);
      assertEquals(200, r.status(), r::toString);
      return r.items().stream().map(o -> (JsonObject) o).filter(o -> o.getString("elementId").equals(elementId))
          .findFirst().orElse(null);
    }, o -> o != null);
    return t.getString("id");
  }

  static JsonObject awaitWorkflow(ApiClient who, String workflowId, Predicate<JsonObject> done, String what) {
    return await(what, () -> who.get("/workflows/" + workflowId).json(), done);
  }

  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    return Await.until(what, probe, done);
  }
}
