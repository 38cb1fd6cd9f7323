package dev.modelgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh demo shows a product in use: a review waiting for the demo reviewers, a discussion with a
 * mention that reached its reader, logged time whose report adds up, and cost–benefit with rates; and a
 * second start on the same data seeds nothing twice.
 */
class DemoDataTest {

  static TestServer server;
  static String project;
  static String candidate;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("MODELGATE_DEMO", "true"));
    ApiClient dave = server.as("dave", DemoData.PASSWORD);
    project = dave.get("/teams/" + DemoData.TEAM + "/projects").items().getJsonObject(0).getString("id");
    candidate = dave.get("/projects/" + project + "/model-versions?model=fraud-xgb").items().getJsonObject(1)
        .getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theReviewOfTheNewestVersionWaitsForItsReviewersAndNotForItsSubmitter() {
    ApiClient erin = server.as("erin", DemoData.PASSWORD);
    JsonObject task = awaitTask(erin);
    assertEquals(candidate, task.getString("modelVersionId"));
    assertEquals("bob", task.getString("submittedBy"));
    ApiResponse own = server.as("bob", DemoData.PASSWORD).post("/tasks/" + task.getString("id") + "/decision",
        new JsonObject().put("decision", "approve"));
    assertEquals(403, own.status(), own::toString);
  }

  @Test
  void theDiscussionMentionReachedCarol() {
    ApiClient carol = server.as("carol", DemoData.PASSWORD);
    JsonArray threads = carol.get("/threads?subject=model-version:" + candidate).json().getJsonArray("items");
    assertEquals(1, threads.size(), threads::encode);
    assertTrue(carol.get("/notifications").items().stream().map(n -> (JsonObject) n)
        .anyMatch(n -> n.getString("kind").equals("mention")), "no mention notification for carol");
  }

  @Test
  void loggedTimeAddsUpAndCostBenefitUsesTheRates() {
    ApiClient dave = server.as("dave", DemoData.PASSWORD);
    JsonObject report = dave.get("/reports/time?project=" + project + "&groupBy=user").json();
    long minutes = report.getJsonArray("rows").stream().mapToLong(r -> ((JsonObject) r).getLong("minutes")).sum();
    // 1d + 6h + 2d + 4h30m + 1h30m + 3h + 45m, with 1d = 8h
    assertEquals(8 * 60 + 6 * 60 + 16 * 60 + 270 + 90 + 180 + 45, minutes, report::encodePrettily);
    JsonObject cb = dave.get("/projects/" + project + "/cost-benefit").json();
    assertEquals(1800.0, cb.getDouble("infrastructureToDate"), cb::encodePrettily);
    // engineers 37.5 h x 95, product 1.5 h x 85, lead 0.75 h x 120
    assertEquals(37.5 * 95 + 1.5 * 85 + 0.75 * 120, cb.getJsonObject("labour").getDouble("cost"), 0.001,
        cb::encodePrettily);
  }

  @Test
  void aSecondStartOnTheSameDataSeedsNothingTwice() {
    server.restart();
    ApiClient dave = server.as("dave", DemoData.PASSWORD);
    assertEquals(2, dave.get("/projects/" + project + "/model-versions").items().size());
    assertEquals(1, dave.get("/projects/" + project + "/workflows").items().size());
    assertEquals(1, dave.get("/threads?subject=model-version:" + candidate).json().getJsonArray("items").size());
  }

  private static JsonObject awaitTask(ApiClient who) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<Object> items = who.get("/tasks").items().getList();
      if (!items.isEmpty()) {
        return who.get("/tasks").items().getJsonObject(0);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no task reached " + who);
  }
}
