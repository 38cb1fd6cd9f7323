package dev.modelgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
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
  void onlyStrictJsonIsABody() {
    String ok = "{\"slug\": \"strict\", \"name\": \"S\"}";
    String projects = "/teams/bad-input/projects";
    // Not JSON: comments (the parser's lenient default), a name given twice (which one counts depends on the
    // reader), bytes that are not UTF-8 (a lenient decoder stores U+FFFD in their place).
    assertProblem(admin.send("POST", projects, "{/* c */ \"slug\": \"strict\", \"name\": \"S\"}",
        "application/json"), 400, "body");
    assertProblem(admin.send("POST", projects, ok + " // c", "application/json"), 400, "body");
    assertProblem(admin.send("POST", projects, "{\"slug\": \"strict\", \"name\": \"S\", \"name\": \"T\"}",
        "application/json"), 400, "body");
    byte[] surrogateBytes = "{\"slug\": \"strict\", \"name\": \"S?\"}".getBytes(StandardCharsets.UTF_8);
    byte[] withSurrogate = new byte[surrogateBytes.length + 2];
    int q = new String(surrogateBytes, StandardCharsets.UTF_8).indexOf('?');
    System.arraycopy(surrogateBytes, 0, withSurrogate, 0, q);
    withSurrogate[q] = (byte) 0xED;
    withSurrogate[q + 1] = (byte) 0xA0;
    withSurrogate[q + 2] = (byte) 0x80;
    System.arraycopy(surrogateBytes, q + 1, withSurrogate, q + 3, surrogateBytes.length - q - 1);
    assertProblem(admin.sendBytes("POST", projects, withSurrogate, "application/json"), 400, "body");
    byte[] latin1 = "{\"slug\": \"strict\", \"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertProblem(admin.sendBytes("POST", projects, latin1, "application/json"), 400, "body");
    assertEquals(0, admin.get(projects).items().stream()
        .filter(o -> ((JsonObject) o).getString("slug").equals("strict")).count(), "a refused body writes nothing");
    // A route that takes no body refuses the same junk, and still takes {} with white space around it.
    assertProblem(admin.send("GET", projects, "{} // c", "application/json"), 400, "body");
    assertEquals(200, admin.send("GET", projects, " {}\n", "application/json").status());
    assertEquals(201, admin.send("POST", projects, ok, "application/json").status());
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
        // A route without a body refuses every one of those before its handler runs: "" and {} get there.
        List<String> sent = route.body() == ApiRoute.BodyKind.NONE
            ? java.util.stream.Stream.concat(java.util.stream.Stream.of("", "{}"), bodies.stream()).toList() : bodies;
        for (String body : sent) {
          ApiResponse r = admin.send(route.method().name(), path + "?limit=abc&after=%00", body, "application/json");
          if (r.status() >= 500 || (r.status() >= 400 && !"application/problem+json".equals(r.contentType()))) {
            failures.add(route.method() + " " + path + " " + body + " -> " + r);
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  /**
   * A body the route cannot take changes nothing, on every route: a malformed one ({@code {}) is a 400 at
   * {@code body} everywhere, and a field on a route that takes no body is a 400 naming that field. The
   * routes address real objects (a running workflow, an open task, an enabled webhook, an unread
   * notification, a hidden comment, a running timer...), whose state is compared before and after.
   */
  @Test
  void aBodyTheRouteCannotTakeChangesNothingOnAnyRoute() {
    server.createTeam("bad-body");
    server.grant("admin", "bad-body", List.of("lead", "engineer", "viewer", "product", "compliance"));
    ApiClient writer = server.createUser("bb-writer", "bad-body", List.of("engineer"));
    String project = created(admin.post("/teams/bad-body/projects", new JsonObject().put("slug", "bb").put("name",
        "B")));
    String version = created(writer.post("/projects/" + project + "/model-versions", new JsonObject()
        .put("model", "m").put("version", "1").put("metrics", new JsonObject().put("auc", 0.9))));
    String workflow = created(writer.post("/model-versions/" + version + "/workflows",
        new JsonObject().put("type", "review")));
    JsonObject running = dev.modelgate.support.Await.until("the review's two open tasks",
        () -> admin.get("/workflows/" + workflow).json(),
        w -> w.getJsonArray("currentSteps").stream().filter(o -> ((JsonObject) o).getString("taskId") != null)
            .count() == 2);
    String task = running.getJsonArray("currentSteps").stream().map(o -> (JsonObject) o)
        .filter(o -> "product-review".equals(o.getString("elementId"))).findFirst().orElseThrow().getString("taskId");
    String hook = created(admin.post("/teams/bad-body/webhooks", new JsonObject()
        .put("url", "http://127.0.0.1:9/hook").put("secret", "bad-body-secret-123456")
        .put("events", new io.vertx.core.json.JsonArray().add("workflow.finished"))));
    String thread = created(writer.post("/threads?subject=project:" + project, new JsonObject().put("title", "T")));
    String comment = created(writer.post("/threads/" + thread + "/comments", new JsonObject().put("text",
        "@admin have a look")));
    assertEquals(200, admin.post("/comments/" + comment + "/hide", new JsonObject().put("reason", "off topic"))
        .status());
    String notification = admin.get("/notifications").items().getJsonObject(0).getString("id");
    String entry = created(admin.post("/projects/" + project + "/time-entries", new JsonObject()
        .put("duration", "1h").put("activity", "experimentation")));
    assertEquals(201, admin.post("/timers/start", new JsonObject().put("project", project)
        .put("activity", "experimentation")).status());
    String token = created(writer.post("/tokens", new JsonObject().put("name", "ci").put("team", "bad-body")
        .put("roles", new io.vertx.core.json.JsonArray().add("engineer"))));

    List<String> reads = List.of("/workflows/" + workflow, "/tasks/" + task, "/teams/bad-body/webhooks/" + hook,
        "/notifications", "/threads/" + thread, "/timers/current", "/time-entries/" + entry,
        "/teams/bad-body/members", "/teams/bad-body/projects", "/projects/" + project + "/model-versions",
        "/projects/" + project + "/workflows", "/threads?subject=project:" + project, "/teams/bad-body/settings",
        "/teams/bad-body/rates", "/projects/" + project + "/costs", "/projects/" + project + "/benefits",
        "/projects/" + project + "/maturity-assessments");
    List<String> before = snapshot(reads);
    List<String> tokensBefore = List.of(writer.get("/tokens").body());

    List<String> failures = new ArrayList<>();
    for (ApiRoute route : server.server().api().routes()) {
      String path = route.path().replace(":team", "bad-body").replace(":project", project)
          .replace(":username", "bb-writer").replace(":name", "deployment-finished").replace(":model", "m")
          .replace(":id", idFor(route.path(), version, workflow, task, thread, comment, entry, token, notification,
              hook));
      ApiClient caller = route.path().startsWith("/tokens") ? writer : admin;
      ApiResponse malformed = caller.send(route.method().name(), path, "{", "application/json");
      if (!isProblem(malformed, 400, "body")) {
        failures.add(route.method() + " " + path + " {  -> " + malformed);
      }
      if (route.body() == ApiRoute.BodyKind.NONE) {
        ApiResponse field = caller.send(route.method().name(), path, "{\"reason\":\"x\"}", "application/json");
        if (!isProblem(field, 400, "reason")) {
          failures.add(route.method() + " " + path + " {\"reason\":\"x\"}  -> " + field);
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    assertEquals(before, snapshot(reads), "a refused request must change nothing");
    assertEquals(tokensBefore, List.of(writer.get("/tokens").body()));
    assertEquals("running", admin.get("/workflows/" + workflow).json().getString("status"));
    assertTrue(admin.get("/teams/bad-body/webhooks/" + hook).json().getBoolean("active"));
    assertTrue(admin.get("/notifications").items().stream().map(o -> (JsonObject) o)
        .anyMatch(n -> n.getString("id").equals(notification) && !n.getBoolean("read")));

    // A route without a body still takes none, or {}.
    assertEquals(200, admin.post("/comments/" + comment + "/unhide", new JsonObject()).status());
    assertEquals(200, admin.post("/workflows/" + workflow + "/cancel", null).status());
  }

  private static String idFor(String path, String version, String workflow, String task, String thread,
      String comment, String entry, String token, String notification, String hook) {
    if (path.startsWith("/teams/:team/webhooks/:id")) {
      return hook;
    }
    String[] byPrefix = {"/model-versions/", version, "/workflows/", workflow, "/tasks/", task, "/threads/", thread,
        "/comments/", comment, "/time-entries/", entry, "/tokens/", token, "/notifications/", notification};
    for (int i = 0; i < byPrefix.length; i += 2) {
      if (path.startsWith(byPrefix[i])) {
        return byPrefix[i + 1];
      }
    }
    return "ffffffffffffffffffffffff";
  }

  private static List<String> snapshot(List<String> reads) {
    List<String> out = new ArrayList<>();
    for (String read : reads) {
      ApiResponse r = admin.get(read);
      out.add(read + " " + r.status() + " " + r.body());
    }
    return out;
  }

  private static boolean isProblem(ApiResponse r, int status, String field) {
    return r.status() == status && "application/problem+json".equals(r.contentType())
        && r.json().getInteger("status") == status && field.equals(r.json().getString("field"));
  }

  private static String created(ApiResponse r) {
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  /**
   * Requests Vert.x refuses before routing (request line over 4096 bytes, headers over 8192: the server's
   * default limits) are problems like every other refusal, not empty bodies.
   */
  @Test
  void overlongUriAndHeadersAreProblems() throws Exception {
    String longUri = "GET /api/v1/teams?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    assertRawProblem(rawExchange(longUri), 414);
    String hugeHeader = "GET /api/v1/teams HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "y".repeat(20_000)
        + "\r\n\r\n";
    assertRawProblem(rawExchange(hugeHeader), 431);
  }

  private static void assertRawProblem(String response, int status) {
    String[] parts = response.split("\r\n\r\n", 2);
    List<String> head = List.of(parts[0].split("\r\n"));
    // HTTP/1.0 when the request line could not be read, so its version is unknown
    assertTrue(head.getFirst().matches("HTTP/1\\.[01] " + status + " .*"), response);
    assertTrue(head.stream().anyMatch(h -> h.equalsIgnoreCase("content-type: application/problem+json")), response);
    JsonObject problem = new JsonObject(parts[1]);
    assertEquals(status, problem.getInteger("status"));
    assertTrue(problem.getString("title") != null && !problem.getString("title").isBlank(), response);
  }

  /** Sends bytes as they are (no client would send these) and reads the answer until the server closes. */
  private static String rawExchange(String request) throws java.io.IOException {
    java.net.URI base = java.net.URI.create(server.baseUrl());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
