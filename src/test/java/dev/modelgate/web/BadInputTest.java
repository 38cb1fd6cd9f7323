package dev.modelgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets a 4xx problem naming what is wrong, and none of them a 500: checked
 * one by one on a route, then by throwing a set of hostile bodies at every route the server has.
 */
class BadInputTest {

  static TestServer server;
  static ApiClient admin;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("bad-input");
    admin = server.admin();
    server.grant("admin", "bad-input", List.of("lead", "engineer", "viewer", "product", "compliance"));
    ApiResponse p = admin.post("/teams/bad-input/projects", new JsonObject().put("slug", "proj").put("name", "P"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertProblem(ApiResponse r, int status, String field) {
    assertEquals(status, r.status(), r::toString);
    assertEquals("application/problem+json", r.contentType());
    JsonObject p = r.json();
    assertEquals(status, p.getInteger("status"));
    assertTrue(p.getString("title") != null && !p.getString("title").isBlank());
    if (field != null) {
      assertEquals(field, p.getString("field"), r::toString);
    }
  }

  private String versions() {
    return "/projects/" + projectId + "/model-versions";
  }

  @Test
  void malformedJson() {
    assertProblem(admin.send("POST", versions(), "{\"model\": ", "application/json"), 400, "body");
    assertProblem(admin.send("POST", versions(), "[1,2]", "application/json"), 400, "body");
    assertProblem(admin.send("POST", versions(), "", "application/json"), 400, "body");
  }

  @Test
  void wrongTypesAndMissingFieldsAreNamed() {
    ApiResponse r = admin.post(versions(), new JsonObject().put("model", 7).put("version", "1")
        .put("metrics", new JsonObject().put("auc", "high")));
    assertProblem(r, 400, "model");
    List<String> fields = new ArrayList<>();
    r.json().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertEquals(List.of("model", "metrics.auc"), fields);
    assertProblem(admin.post(versions(), new JsonObject().put("model", "m").put("version", "1")), 400, "metrics");
    assertProblem(admin.post(versions(), new JsonObject().put("model", "m").put("version", "1")
        .put("metrics", new JsonObject().put("auc", 1)).put("segments", new io.vertx.core.json.JsonArray().add(5))),
        400, "segments[0]");
    assertProblem(admin.post(versions(), new JsonObject().put("model", "m").put("version", "1")
        .put("metrics", new JsonObject()).put("lineage", new JsonObject().put("runUri", "not a uri"))), 400,
        "lineage.runUri");
  }

  @Test
  void unknownFieldsAreRefused() {
    assertProblem(admin.post("/teams/bad-input/projects", new JsonObject().put("slug", "q").put("name", "Q")
        .put("budgte", 5)), 400, "budgte");
    long created = admin.get("/teams/bad-input/projects").items().stream()
        .filter(o -> ((JsonObject) o).getString("slug").equals("q")).count();
    assertEquals(0, created, "a refused request must write nothing");
  }

  @Test
  void unsupportedMediaType() {
    assertProblem(admin.send("POST", versions(), "model=m", "application/x-www-form-urlencoded"), 415,
        "Content-Type");
    assertProblem(admin.send("POST", versions(), "{}", null), 415, "Content-Type");
  }

  @Test
  void bodyOverTheLimit() {
    String big = "{\"model\":\"" + "x".repeat(1_100_000) + "\"}";
    assertProblem(admin.send("POST", versions(), big, "application/json"), 413, "body");
  }

  @Test
  void unknownRoutesAndIds() {
    assertProblem(admin.get("/no-such-thing"), 404, null);
    assertProblem(admin.get("/model-versions/ffffffffffffffffffffffff"), 404, null);
  }

  @Test
  void noRouteAnswersHostileInputWithA500() {
    List<String> bodies = List.of("{", "null", "[]", "\"text\"", "12", "{\"a\":{\"b\":[1,{\"c\":null}]}}",
        "{\"slug\":null,\"name\":[],\"roles\":{},\"metrics\":[],\"model\":{}}", "{\"\u0000\":1}",
        "{\"limit\":-1,\"after\":\"$where\"}", "{\"segments\":[{}],\"lineage\":[]}");
    List<String> paramValues = List.of("bad-input", projectId, "x", "ffffffffffffffffffffffff", "%24ne");
    List<String> failures = new ArrayList<>();
    for (ApiRoute route : server.server().api().routes()) {
      for (String value : paramValues) {
        String path = route.path().replaceAll(":[A-Za-z0-9_]+", value);
        for (String body : bodies) {
          ApiResponse r = admin.send(route.method().name(), path + "?limit=abc&after=%00", body, "application/json");
          if (r.status() >= 500 || (r.status() >= 400 && !"application/problem+json".equals(r.contentType()))) {
            failures.add(route.method() + " " + path + " " + body + " -> " + r);
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }
}
