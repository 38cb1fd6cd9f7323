package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.Await;
import dev.modelgate.support.MovableClock;
import dev.modelgate.support.TestServer;
import dev.modelgate.workflow.outbound.SignedWebhookCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The governance workflows end to end, through the HTTP API only, on a real server with the embedded
 * engine driven by the real Camunda client. Timers are fired by moving the server's (and engine's) clock.
 */
class WorkflowScenariosTest {

  static final String SECRET = "webhook-secret-for-tests-0123";
  static final MovableClock clock = new MovableClock();
  static TestServer server;
  static ApiClient lead;
  static ApiClient sam;   // engineer, submits versions
  static ApiClient pete;  // engineer, peer reviewer
  static ApiClient eli;   // engineer, second peer reviewer
  static ApiClient paula; // product
  static ApiClient cora;  // compliance
  static ApiClient cole;  // compliance
  static String projectId;
  static HttpServer hooks;
  static final List<JsonObject> hookCalls = new CopyOnWriteArrayList<>();
  static final List<String> badSignatures = new CopyOnWriteArrayList<>();
  static volatile String failingEvent = "none";
  static final AtomicInteger versionCounter = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(Map.of(), clock);
    server.createTeam("risk");
    lead = server.createUser("lena", "risk", List.of("lead"));
    sam = server.createUser("sam", "risk", List.of("engineer"));
    pete = server.createUser("pete", "risk", List.of("engineer"));
    eli = server.createUser("eli", "risk", List.of("engineer"));
    paula = server.createUser("paula", "risk", List.of("product"));
    cora = server.createUser("cora", "risk", List.of("compliance"));
    cole = server.createUser("cole", "risk", List.of("compliance"));
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "scoring").put("name", "Scoring"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
    hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hooks.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonObject json = new JsonObject(body);
      hookCalls.add(json);
      String sig = exchange.getRequestHeaders().getFirst(SignedWebhookCall.SIGNATURE_HEADER);
      if (!("sha256=" + SignedWebhookCall.hmac(SECRET, body)).equals(sig)) {
        badSignatures.add(json.getString("event"));
      }
      int status = json.getString("event").equals(failingEvent) ? 500 : 204;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    hooks.start();
  }

  @AfterAll
  static void stop() {
    hooks.stop(0);
    server.close();
  }

  @BeforeEach
  void defaultSettings() {
    settings(null);
    failingEvent = "none";
  }

  /** After a restart the server listens on a new port. */
  static void reconnect() {
    lead = server.as("lena");
    sam = server.as("sam");
    pete = server.as("pete");
    eli = server.as("eli");
    paula = server.as("paula");
    cora = server.as("cora");
    cole = server.as("cole");
  }

  static void settings(String webhookUrl) {
    JsonObject s = new JsonObject()
        .put("gate", new JsonObject().put("minimums", new JsonObject().put("auc", 0.7))
            .put("maxRegression", new JsonObject().put("auc", 0.02))
            .put("maxSegmentRegression", new JsonObject().put("auc", 0.03))
            .put("fairness", new JsonObject().put("metric", "auc").put("maxGap", 0.1)))
        .put("complianceOfficers", 2).put("reminderInterval", "PT4H").put("canaryWindow", "PT2H")
        .put("canaryMaxRegression", new JsonObject().put("auc", 0.02));
    if (webhookUrl != null) {
      s.put("webhook", new JsonObject().put("url", webhookUrl).put("secret", SECRET));
    }
    ApiResponse r = lead.put("/teams/risk/settings", s);
    assertEquals(200, r.status(), r::toString);
  }

  // ------------------------------------------------------------------ helpers

  static String register(String model, double auc, double eu, double us) {
    String version = "v" + versionCounter.incrementAndGet();
    ApiResponse r = sam.post("/projects/" + projectId + "/model-versions", new JsonObject().put("model", model)
        .put("version", version).put("metrics", new JsonObject().put("auc", auc))
        .put("segments", new JsonArray()
            .add(new JsonObject().put("name", "eu").put("metrics", new JsonObject().put("auc", eu)))
            .add(new JsonObject().put("name", "us").put("metrics", new JsonObject().put("auc", us))))
        .put("lineage", new JsonObject().put("runId", "run-" + version).put("runUri", "https://mlflow.test/runs/"
            + version)));
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  static String startWorkflow(ApiClient who, String versionId, String type) {
    ApiResponse r = who.post("/model-versions/" + versionId + "/workflows", new JsonObject().put("type", type));
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    return Await.until(what, probe, done);
  }

  static JsonObject workflow(String id) {
    ApiResponse r = lead.get("/workflows/" + id);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  static JsonObject awaitWorkflow(String id, Predicate<JsonObject> done, String what) {
    return await(what + " of workflow " + id, () -> workflow(id), done);
  }

  static JsonObject awaitEnd(String id) {
    return awaitWorkflow(id, w -> !w.getString("status").equals("running"), "the end");
  }

  static boolean waitsFor(JsonObject w, String message) {
    return w.getJsonArray("currentSteps").stream()
        .anyMatch(s -> ((JsonObject) s).getString("elementId").equals(message));
  }

  /** The open tasks of a workflow that {@code who} sees in the inbox for step {@code elementId}. */
  static List<JsonObject> inbox(ApiClient who, String workflowId, String elementId) {
    ApiResponse r = who.get("/tasks?workflowId=" + workflowId);
    assertEquals(200, r.status(), r::toString);
    List<JsonObject> out = new ArrayList<>();
    r.items().forEach(o -> {
      JsonObject t = (JsonObject) o;
      if (t.getString("elementId").equals(elementId)) {
        out.add(t);
      }
    });
    return out;
  }

  static List<JsonObject> awaitTasks(ApiClient who, String workflowId, String elementId, int count) {
    return await(count + " " + elementId + " task(s)", () -> inbox(who, workflowId, elementId),
        l -> l.size() >= count);
  }

  static ApiResponse decide(ApiClient who, String taskId, String decision, String comment) {
    JsonObject body = new JsonObject().put("decision", decision);
    if (comment != null) {
      body.put("comment", comment);
    }
    return who.post("/tasks/" + taskId + "/decision", body);
  }

  static void approve(ApiClient who, String taskId) {
    ApiResponse r = decide(who, taskId, "approve", null);
    assertEquals(201, r.status(), r::toString);
  }

  static void message(String workflowId, String name, JsonObject body) {
    awaitWorkflow(workflowId, w -> waitsFor(w, name), "waiting for " + name);
    ApiResponse r = sam.post("/workflows/" + workflowId + "/messages/" + name, body);
    assertEquals(202, r.status(), r::toString);
  }

  /** Kinds of the notifications {@code who} got about one task. */
  static List<String> kinds(ApiClient who, String taskId) {
    ApiResponse r = who.get("/notifications?limit=200");
    assertEquals(200, r.status(), r::toString);
    return r.items().stream().map(o -> (JsonObject) o).filter(n -> taskId.equals(n.getString("subjectId")))
        .map(n -> n.getString("kind")).toList();
  }

  static String stage(String versionId) {
    return lead.get("/model-versions/" + versionId).json().getString("stage");
  }

  /** Review and sign-off approved, up to the point the workflow waits for the deployment. */
  static void approveReviewAndSignoff(String wf) {
    approve(pete, awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id"));
    approve(paula, awaitTasks(paula, wf, "product-review", 1).getFirst().getString("id"));
    List<JsonObject> signoffs = awaitTasks(cora, wf, "officer-signoff", 2);
    approve(cora, signoffs.get(0).getString("id"));
    approve(cole, signoffs.get(1).getString("id"));
  }

  static String promote(String versionId, JsonObject canaryMetrics) {
    String wf = startWorkflow(sam, versionId, "promotion");
    approveReviewAndSignoff(wf);
    message(wf, "deployment-finished", new JsonObject().put("succeeded", true));
    message(wf, "canary-metrics-reported", canaryMetrics);
    return wf;
  }

  static String productionOf(String model) {
    String v1 = register(model, 0.80, 0.80, 0.79);
    String wf = promote(v1, new JsonObject().put("metrics", new JsonObject().put("auc", 0.80)));
    assertEquals("promoted", awaitEnd(wf).getString("outcome"));
    return v1;
  }

  // ------------------------------------------------------------------ scenarios

  /** (a) gate, reviews, two officers, staging, canary, promotion; the old production version is archived. */
  @Test
  void goodCandidateIsPromotedAndOldProductionArchived() {
    String old = productionOf("churn");
    assertEquals("production", stage(old));
    String candidate = register("churn", 0.83, 0.82, 0.81);

    long t0 = System.nanoTime();
    String wf = startWorkflow(sam, candidate, "promotion");
    awaitTasks(pete, wf, "peer-review", 1);
    long firstTask = System.nanoTime();
    approveReviewAndSignoff(wf);
    message(wf, "deployment-finished", new JsonObject().put("succeeded", true));
    message(wf, "canary-metrics-reported", new JsonObject().put("metrics", new JsonObject().put("auc", 0.83))
        .put("baselineMetrics", new JsonObject().put("auc", 0.82)));
    JsonObject end = awaitEnd(wf);
    long done = System.nanoTime();
    System.out.printf("MEASURE first task in inbox after %.1f ms; scenario (a) end to end %.1f ms%n",
        (firstTask - t0) / 1e6, (done - t0) / 1e6);

    assertEquals("completed", end.getString("status"), end::encodePrettily);
    assertEquals("promoted", end.getString("outcome"));
    assertEquals("production", stage(candidate));
    assertEquals("archived", stage(old));
    assertEquals(4, end.getJsonArray("approvals").size(), "peer, product and two officers");
    List<String> steps = end.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("step")).toList();
    assertTrue(end.getJsonArray("timeline").stream().map(o -> (JsonObject) o)
        .filter(e -> e.getString("step").equals("deploy-to-staging"))
        .anyMatch(e -> e.getString("note").contains("no webhook configured")), "outbound step without a webhook");
    assertTrue(steps.containsAll(List.of("validate-metrics", "peer-review", "product-review", "officer-signoff",
        "deploy-to-staging", "deployment-finished", "start-canary", "canary-metrics-reported", "evaluate-canary",
        "promote-to-production", "record-promoted")), steps::toString);
    JsonObject version = lead.get("/model-versions/" + candidate).json();
    assertEquals(true, version.getJsonObject("gateReport").getBoolean("passed"));
    assertEquals(old, version.getJsonObject("gateReport").getString("baselineVersionId"));
    List<String> stages = version.getJsonArray("stageHistory").stream()
        .map(o -> ((JsonObject) o).getString("stage")).toList();
    assertEquals(List.of("none", "staging", "canary", "production"), stages);
    // Every stage move is in the audit log too, attributed to the workflow that made it.
    ApiResponse moves = lead.get("/audit?team=risk&action=model-version.stage-changed&subject=model-version:"
        + candidate);
    assertEquals(200, moves.status(), moves::toString);
    assertEquals(List.of("production", "canary", "staging"), moves.items().stream()
        .map(o -> ((JsonObject) o).getJsonObject("details").getString("to")).toList(), moves::toString);
    moves.items().forEach(o -> assertEquals(wf, ((JsonObject) o).getJsonObject("details").getString("workflowId")));
    assertEquals("archived", lead.get("/audit?team=risk&action=model-version.stage-changed&subject=model-version:"
        + old).items().getJsonObject(0).getJsonObject("details").getString("to"));

    ApiResponse history = lead.get("/projects/" + projectId + "/models/churn/production-history");
    assertEquals(200, history.status(), history::toString);
    JsonArray periods = history.json().getJsonArray("items");
    assertEquals(2, periods.size(), history::toString);
    assertEquals(old, periods.getJsonObject(0).getString("modelVersionId"));
    assertNotNull(periods.getJsonObject(0).getString("to"));
    assertEquals(candidate, periods.getJsonObject(1).getString("modelVersionId"));
    assertEquals(4, periods.getJsonObject(1).getJsonArray("approvals").size());
    String at = periods.getJsonObject(0).getString("from");
    ApiResponse then = lead.get("/projects/" + projectId + "/models/churn/production-history?at=" + at);
    assertEquals(old, then.json().getJsonArray("items").getJsonObject(0).getString("modelVersionId"));

    ApiResponse approvals = cora.get("/projects/" + projectId + "/approvals?modelVersionId=" + candidate);
    assertEquals(4, approvals.items().size(), approvals::toString);
    String approvalId = approvals.items().getJsonObject(0).getString("id");
    assertEquals(200, cora.get("/approvals/" + approvalId).status());

    ApiResponse prefill = lead.get("/projects/" + projectId + "/maturity-assessments/prefill");
    assertEquals(200, prefill.status(), prefill::toString);
    List<String> answers = prefill.json().getJsonArray("evidence").stream()
        .map(o -> ((JsonObject) o).getString("question") + "=" + ((JsonObject) o).getString("answer")).toList();
    assertTrue(answers.containsAll(List.of("approvals=enforced", "model-release=cicd",
        "online-validation=automated-canary")), answers::toString);
  }

  /** (b) a candidate that regresses on one segment is rejected by the gate, the report naming the segment. */
  @Test
  void segmentRegressionIsRejectedByTheGate() {
    productionOf("fraud");
    String candidate = register("fraud", 0.81, 0.81, 0.74);
    String wf = startWorkflow(sam, candidate, "review");
    JsonObject end = awaitEnd(wf);
    assertEquals("rejected", end.getString("outcome"));
    JsonObject report = lead.get("/model-versions/" + candidate).json().getJsonObject("gateReport");
    assertEquals(false, report.getBoolean("passed"));
    List<JsonObject> failed = report.getJsonArray("checks").stream().map(o -> (JsonObject) o)
        .filter(c -> !c.getBoolean("passed")).toList();
    assertEquals(1, failed.size(), failed::toString);
    assertEquals("segment-regression", failed.getFirst().getString("kind"));
    assertEquals("us", failed.getFirst().getString("segment"));
    assertEquals(0.74, failed.getFirst().getDouble("candidate"));
    assertTrue(inbox(pete, wf, "peer-review").isEmpty(), "no review task after a failed gate");
  }

  /** (c) a reviewer requests changes (with the required comment). */
  @Test
  void reviewerRequestsChanges() {
    String candidate = register("upsell", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    ApiResponse noComment = decide(pete, peer, "request-changes", null);
    assertEquals(400, noComment.status());
    assertEquals("comment", noComment.json().getString("field"));
    assertEquals(201, decide(pete, peer, "request-changes", "add the latam segment").status());
    approve(paula, awaitTasks(paula, wf, "product-review", 1).getFirst().getString("id"));
    JsonObject end = awaitEnd(wf);
    assertEquals("changes-requested", end.getString("outcome"));
    assertTrue(end.getJsonArray("approvals").stream().anyMatch(a -> "add the latam segment".equals(
        ((JsonObject) a).getString("comment"))));
    java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    ApiResponse report = lead.get("/reports/time?project=" + projectId + "&groupBy=workflow-step&from="
        + today.minusDays(2) + "&to=" + today.plusDays(2));
    assertEquals(200, report.status(), report::toString);
    assertTrue(report.body().contains("peer-review") && report.body().contains("product-review"),
        "human step times reach the time report: " + report.body());
  }

  /** (d) the canary's online metrics are worse: rollback, production untouched. */
  @Test
  void worseCanaryRollsBack() {
    String old = productionOf("pricing");
    String candidate = register("pricing", 0.82, 0.82, 0.80);
    String wf = promote(candidate, new JsonObject().put("metrics", new JsonObject().put("auc", 0.70))
        .put("baselineMetrics", new JsonObject().put("auc", 0.80)));
    JsonObject end = awaitEnd(wf);
    assertEquals("rolled-back", end.getString("outcome"), end::encodePrettily);
    assertEquals("archived", stage(candidate));
    assertEquals("production", stage(old));
  }

  /** (e) the submitter may hold the reviewer role but never decides on its own version. */
  @Test
  void submitterCannotApproveOwnReview() {
    String candidate = register("ltv", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    ApiResponse r = decide(sam, peer, "approve", null);
    assertEquals(403, r.status(), r::toString);
    assertTrue(r.json().getString("detail").contains("separation of duties"), r::toString);
    ApiResponse product = decide(pete, awaitTasks(paula, wf, "product-review", 1).getFirst().getString("id"),
        "approve", null);
    assertEquals(403, product.status(), "an engineer does not hold the product role");
    assertEquals(200, lead.post("/workflows/" + wf + "/cancel", null).status());
  }

  /** (f) two concurrent decisions on one task: one wins, the other gets 409; a retried request is replayed. */
  @Test
  void concurrentDecisionsOneWins() throws Exception {
    String candidate = register("ranking", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    Future<ApiResponse> a = pool.submit(() -> {
      go.await();
      return decide(pete, peer, "approve", null);
    });
    Future<ApiResponse> b = pool.submit(() -> {
      go.await();
      return decide(eli, peer, "reject", "not convinced");
    });
    go.countDown();
    List<Integer> statuses = new ArrayList<>(List.of(a.get().status(), b.get().status()));
    pool.shutdown();
    statuses.sort(Integer::compareTo);
    assertEquals(List.of(201, 409), statuses);
    JsonObject task = pete.get("/tasks/" + peer).json();
    assertEquals("decided", task.getString("status"));
    assertTrue(inbox(pete, wf, "peer-review").isEmpty(), "a decided task leaves the open inbox");
    assertEquals(List.of(peer), pete.get("/tasks?status=decided&workflowId=" + wf).items().stream()
        .map(o -> ((JsonObject) o).getString("id")).toList());
    assertEquals(1, lead.get("/workflows/" + wf).json().getJsonArray("approvals").size());

    String product = awaitTasks(paula, wf, "product-review", 1).getFirst().getString("id");
    JsonObject body = new JsonObject().put("decision", "approve");
    ApiResponse first = paula.send("POST", "/tasks/" + product + "/decision", body.encode(), "application/json");
    assertEquals(201, first.status());
    ApiResponse secondPlain = paula.post("/tasks/" + product + "/decision", body);
    assertEquals(409, secondPlain.status(), "without an idempotency key a second decision is a conflict");
    awaitEnd(wf);
  }

  @Test
  void idempotencyKeyReplaysTheDecision() {
    String candidate = register("retention", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    ApiClient keyed = pete;
    JsonObject body = new JsonObject().put("decision", "approve");
    // A header may carry the bytes 0x80-0x9F, read as C1 control characters (Java's client would send '?').
    String control = rawDecisionWithKey(peer, body, "retry\u0085-1");
    assertTrue(control.startsWith("HTTP/1.1 400"), control);
    assertTrue(control.contains("\"field\":\"Idempotency-Key\""), control);
    ApiResponse first = sendWithKey(keyed, peer, body, "retry-1");
    ApiResponse again = sendWithKey(keyed, peer, body, "retry-1");
    assertEquals(201, first.status(), first::toString);
    assertEquals(200, again.status(), again::toString);
    assertEquals(first.json().getString("id"), again.json().getString("id"));
    assertEquals(1, lead.get("/workflows/" + wf).json().getJsonArray("approvals").size());
    assertEquals(200, lead.post("/workflows/" + wf + "/cancel", null).status());
  }

  /** Every item id of a list, page by page through the {@code next} cursor (fails on a repeated id). */
  static List<String> readAll(ApiClient who, String path, int limit) {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      ApiResponse r = who.get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
          + (next == null ? "" : "&after=" + next));
      assertEquals(200, r.status(), r::toString);
      r.items().forEach(o -> ids.add(((JsonObject) o).getString("id")));
      next = r.json().getString("next");
    } while (next != null);
    assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "an item listed twice in " + path + ": " + ids);
    return ids;
  }

  /** The lists follow a review from start to end: status filters, approvals, decided tasks, cursors. */
  @Test
  void listsFollowAReviewThroughTheApi() {
    String candidate = register("ltv", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String p = "/projects/" + projectId;
    assertTrue(readAll(lead, p + "/workflows?status=running", 2).contains(wf));
    assertEquals(List.of(wf), readAll(lead, p + "/workflows?modelVersionId=" + candidate, 1));
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    assertEquals(200, pete.post("/tasks/" + peer + "/claim", null).status());
    JsonObject body = new JsonObject().put("decision", "approve");
    ApiResponse first = sendWithKey(pete, peer, body, "lists-1");
    assertEquals(201, first.status(), first::toString);
    assertEquals(200, sendWithKey(pete, peer, body, "lists-1").status(), "a retried decision replays");
    String product = awaitTasks(paula, wf, "product-review", 1).getFirst().getString("id");
    approve(paula, product);
    JsonObject end = awaitEnd(wf);
    assertEquals("completed", end.getString("status"));

    // The workflow page carries both approvals; the project's approval lists have each once.
    List<String> approvalIds = end.getJsonArray("approvals").stream().map(a -> ((JsonObject) a).getString("id"))
        .sorted().toList();
    assertEquals(2, approvalIds.size(), end::encodePrettily);
    assertEquals(approvalIds, readAll(lead, p + "/approvals?modelVersionId=" + candidate, 1).stream().sorted()
        .toList());
    assertTrue(readAll(lead, p + "/approvals", 3).containsAll(approvalIds));

    // Finished: in the completed list, no longer in the running one; the full list pages without gaps.
    assertTrue(readAll(lead, p + "/workflows?status=completed", 2).contains(wf));
    assertFalse(readAll(lead, p + "/workflows?status=running", 2).contains(wf));
    List<String> all = readAll(lead, p + "/workflows", 200);
    assertEquals(all, readAll(lead, p + "/workflows", 3), "small pages read the same list");
    assertTrue(all.contains(wf));

    // Decided tasks: in the deciders' lists, the claimed one also in pete's own.
    assertTrue(readAll(pete, "/tasks?status=decided", 2).contains(peer));
    assertTrue(readAll(pete, "/tasks?status=decided&assignee=me", 2).contains(peer));
    assertFalse(readAll(paula, "/tasks?status=decided&assignee=me", 2).contains(product), "paula never claimed it");
    assertEquals(List.of(product), readAll(paula, "/tasks?status=decided&workflowId=" + wf, 5));
    assertTrue(readAll(paula, "/tasks?status=decided&modelVersionId=" + candidate, 5).contains(product));

    // A cursor from another list is refused, not misread.
    ApiResponse bad = lead.get(p + "/workflows?status=canceled&after=" + wf);
    assertEquals(400, bad.status(), bad::toString);
    assertEquals("after", bad.json().getString("field"));
    assertEquals(400, lead.get(p + "/approvals?after=" + wf).status());
    assertEquals(400, pete.get("/tasks?status=canceled&after=" + peer).status());
  }

  /** pete's decision with {@code key} written byte for byte (ISO-8859-1) into the header; the raw response. */
  static String rawDecisionWithKey(String taskId, JsonObject body, String key) {
    byte[] json = body.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String head = "POST /api/v1/tasks/" + taskId + "/decision HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
        + ApiClient.basic("pete", TestServer.PASSWORD) + "\r\nContent-Type: application/json\r\nIdempotency-Key: "
        + key + "\r\nContent-Length: " + json.length + "\r\nConnection: close\r\n\r\n";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(server.baseUrl()).getPort())) {
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(json);
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ApiResponse sendWithKey(ApiClient who, String taskId, JsonObject body, String key) {
    try {
      var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/v1/tasks/" + taskId
              + "/decision"))
          .header("Authorization", ApiClient.basic("pete", TestServer.PASSWORD))
          .header("Content-Type", "application/json").header("Idempotency-Key", key)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.encode())).build();
      var r = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(r.statusCode(), r.body(), r.headers());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** (g) the deployment webhook fails: the error boundary routes to rollback; calls are signed. */
  @Test
  void failingWebhookRoutesToRollback() {
    settings("http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook");
    failingEvent = "deploy-to-staging";
    String candidate = register("credit", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "promotion");
    approveReviewAndSignoff(wf);
    JsonObject end = awaitEnd(wf);
    assertEquals("rolled-back", end.getString("outcome"), end::encodePrettily);
    assertEquals("none", stage(candidate), "never deployed");
    assertTrue(end.getJsonArray("timeline").stream().anyMatch(e -> String.valueOf(((JsonObject) e).getString("note"))
        .contains("failed after 3 attempts")), end::encodePrettily);
    long deployCalls = hookCalls.stream().filter(c -> c.getString("event").equals("deploy-to-staging")
        && c.getJsonObject("data").getString("workflowId").equals(wf)).count();
    assertEquals(3, deployCalls);
    assertTrue(hookCalls.stream().anyMatch(c -> c.getString("event").equals("rollback")
        && c.getJsonObject("data").getString("workflowId").equals(wf)));
    assertTrue(badSignatures.isEmpty(), badSignatures::toString);
  }

  @Test
  void aDriftReportNamingAnotherTeamsProjectGetsTheMissingProjectsAnswer() {
    server.createTeam("drift-hidden");
    ApiResponse hidden = server.admin().post("/teams/drift-hidden/projects", new JsonObject().put("slug", "hidden")
        .put("name", "Hidden"));
    assertEquals(201, hidden.status(), hidden::toString);
    String hiddenId = hidden.json().getString("id");
    String missingId = "0123456789abcdef01234567";
    ApiResponse foreign = sam.post("/teams/risk/drift-events", new JsonObject().put("projectId", hiddenId)
        .put("model", "m"));
    ApiResponse missing = sam.post("/teams/risk/drift-events", new JsonObject().put("projectId", missingId)
        .put("model", "m"));
    assertEquals(404, missing.status(), missing::toString);
    assertEquals(missing.status(), foreign.status(), foreign::toString);
    assertEquals(missing.json().getString("detail").replace(missingId, "ID"),
        foreign.json().getString("detail").replace(hiddenId, "ID"), "no oracle for another team's projects");
    server.grant("sam", "drift-hidden", List.of("viewer"));
    ApiResponse member = sam.post("/teams/risk/drift-events", new JsonObject().put("projectId", hiddenId)
        .put("model", "m"));
    assertEquals(422, member.status(), "a member of the project's team learns it is in another team");
    assertEquals("projectId", member.json().getString("field"));
    server.grant("sam", "drift-hidden", List.of());
  }

  /** (h) drift starts retraining; retraining-finished registers the new version and starts its review. */
  @Test
  void driftStartsRetrainingAndReview() {
    String production = productionOf("default-risk");
    ApiResponse r = sam.post("/teams/risk/drift-events", new JsonObject().put("projectId", projectId)
        .put("model", "default-risk").put("reason", "PSI above 0.2").put("statistics",
            new JsonObject().put("psi", 0.27)));
    assertEquals(202, r.status(), r::toString);
    String wf = r.json().getString("id");
    message(wf, "retraining-finished", new JsonObject().put("version", "retrained-1")
        .put("metrics", new JsonObject().put("auc", 0.82))
        .put("segments", new JsonArray()
            .add(new JsonObject().put("name", "eu").put("metrics", new JsonObject().put("auc", 0.82)))
            .add(new JsonObject().put("name", "us").put("metrics", new JsonObject().put("auc", 0.81)))));
    JsonObject end = awaitEnd(wf);
    assertEquals("retrained", end.getString("outcome"), end::encodePrettily);
    String newVersion = end.getJsonObject("details").getString("newModelVersionId");
    String review = end.getJsonObject("details").getString("reviewWorkflowId");
    JsonObject v = lead.get("/model-versions/" + newVersion).json();
    assertEquals("retrained-1", v.getString("version"));
    assertEquals(production, v.getString("baselineVersionId"));
    List<JsonObject> tasks = awaitTasks(pete, review, "peer-review", 1);
    assertEquals(newVersion, tasks.getFirst().getString("modelVersionId"));
    assertEquals(200, lead.post("/workflows/" + review + "/cancel", null).status());
  }

  /** A failing pipeline webhook on retraining is retried and then becomes an incident, visible on the workflow. */
  @Test
  void failingRetrainingWebhookBecomesAnIncident() {
    String production = productionOf("incident-model");
    settings("http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook");
    failingEvent = "trigger-retraining";
    ApiResponse r = sam.post("/teams/risk/drift-events", new JsonObject().put("projectId", projectId)
        .put("model", "incident-model"));
    assertEquals(202, r.status(), r::toString);
    String wf = r.json().getString("id");
    JsonObject w = awaitWorkflow(wf, x -> x.getJsonObject("details").containsKey("incident"), "an incident");
    assertEquals("running", w.getString("status"));
    assertTrue(w.getJsonArray("timeline").stream().anyMatch(e -> "incident".equals(((JsonObject) e)
        .getString("kind"))), w::encodePrettily);
    assertEquals(production, w.getString("modelVersionId"));
    assertEquals(200, lead.post("/workflows/" + wf + "/cancel", null).status());
  }

  /** A restart mid-review loses nothing: the task is still in the inbox and its decision completes the job. */
  @Test
  void reviewContinuesAfterRestart() {
    String candidate = register("restarted", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    approve(pete, peer);
    awaitTasks(paula, wf, "product-review", 1);
    // As if the server died right after recording pete's decision: the approval record and its copy in the
    // workflow were never written, and the task is still in the pending set.
    String peerApproval = pete.get("/tasks/" + peer).json().getString("approvalId");
    var store = server.server().store();
    store.collection("approvals").deleteOne(new org.bson.Document("_id", peerApproval));
    store.collection("workflows").updateOne(new org.bson.Document("_id", wf),
        com.mongodb.client.model.Updates.unset("approvals." + peerApproval));
    store.collection("task_pending").updateOne(new org.bson.Document("_id", "completion"),
        com.mongodb.client.model.Updates.addToSet("ids", peer), new com.mongodb.client.model.UpdateOptions().upsert(true));
    assertEquals(0, workflow(wf).getJsonArray("approvals").size());
    server.restart();
    reconnect();
    // The start-up resumed it: the approval is back, once, in the workflow and in the project's list.
    assertEquals(List.of(peerApproval), workflow(wf).getJsonArray("approvals").stream()
        .map(a -> ((JsonObject) a).getString("id")).toList());
    assertEquals(1, readAll(lead, "/projects/" + projectId + "/approvals", 50).stream()
        .filter(peerApproval::equals).count());
    String product = awaitTasks(paula, wf, "product-review", 1).getFirst().getString("id");
    approve(paula, product);
    JsonObject end = awaitEnd(wf);
    assertEquals("approved", end.getString("outcome"));
    assertEquals(2, end.getJsonArray("approvals").size());
    JsonObject task = paula.get("/tasks/" + product).json();
    assertEquals("approve", task.getString("decision"));
    assertEquals(true, task.getJsonObject("evidence").getJsonObject("gateReport").getBoolean("passed"));
  }

  // ------------------------------------------------------------------ timers and the API's rules

  @Test
  void reminderFiresWhenTheClockPassesTheInterval() {
    String candidate = register("reminded", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    assertEquals(0, pete.get("/tasks/" + peer).json().getInteger("reminders"));
    clock.advance(Duration.ofHours(4).plusMinutes(1));
    await("a reminder", () -> pete.get("/tasks/" + peer).json().getInteger("reminders"), n -> n >= 1);
    assertTrue(workflow(wf).getJsonArray("timeline").stream()
        .anyMatch(e -> ((JsonObject) e).getString("step").equals("remind-peer-review")));
    await("pete's reminder notification", () -> kinds(pete, peer), k -> k.contains("reminder"));
    assertTrue(kinds(pete, peer).contains("task"), "told when the task arrived");
    assertTrue(kinds(sam, peer).isEmpty(), "the submitter is not asked to review");
    assertEquals(200, lead.post("/workflows/" + wf + "/cancel", null).status());
  }

  @Test
  void canaryWindowElapsesWithoutMetricsAndRollsBack() throws InterruptedException {
    String candidate = register("windowed", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "promotion");
    approveReviewAndSignoff(wf);
    message(wf, "deployment-finished", new JsonObject());
    awaitWorkflow(wf, w -> waitsFor(w, "canary-metrics-reported"), "canary");
    // The worker announces the wait before it calls the deployment system (a fast reply must find the step
    // waiting), and moves the stage after that call: the stage can trail the announcement for a moment.
    await("the canary stage", () -> stage(candidate), "canary"::equals);
    // The worker announces the wait just before completing its job, so the engine may not have armed the
    // window's timer yet when the clock first moves: move it again until the timer has fired.
    JsonObject end = null;
    for (int attempt = 0; attempt < 5 && end == null; attempt++) {
      clock.advance(Duration.ofHours(2).plusMinutes(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject w = workflow(wf);
        if (!w.getString("status").equals("running")) {
          end = w;
          break;
        }
        Thread.sleep(25);
      }
    }
    assertNotNull(end, "the canary window's timer never fired");
    assertEquals("rolled-back", end.getString("outcome"));
    assertTrue(end.getJsonArray("timeline").stream().anyMatch(e -> String.valueOf(((JsonObject) e).getString("note"))
        .contains("no online metrics")), end::encodePrettily);
    assertEquals("archived", stage(candidate));
  }

  @Test
  void sameTypeTwiceIsAConflictAndMessagesNeedAWaitingStep() {
    String candidate = register("twice", 0.8, 0.8, 0.8);
    String wf = startWorkflow(sam, candidate, "review");
    ApiResponse again = sam.post("/model-versions/" + candidate + "/workflows", new JsonObject().put("type", "review"));
    assertEquals(409, again.status(), again::toString);
    ApiResponse msg = sam.post("/workflows/" + wf + "/messages/deployment-finished", new JsonObject());
    assertEquals(409, msg.status(), msg::toString);
    assertEquals(404, sam.post("/workflows/" + wf + "/messages/nonsense", new JsonObject()).status());
    assertEquals(400, sam.post("/model-versions/" + candidate + "/workflows", new JsonObject().put("type", "x"))
        .status());
    assertEquals(403, paula.post("/model-versions/" + candidate + "/workflows", new JsonObject().put("type",
        "signoff")).status());
    assertEquals(403, sam.post("/workflows/" + wf + "/cancel", null).status(), "only the lead cancels");
    String peer = awaitTasks(pete, wf, "peer-review", 1).getFirst().getString("id");
    assertEquals(200, pete.post("/tasks/" + peer + "/claim", null).status());
    assertEquals(409, eli.post("/tasks/" + peer + "/claim", null).status());
    ApiResponse claims = lead.get("/audit?team=risk&action=task.claimed&subject=task:" + peer);
    assertEquals(List.of("pete"), claims.items().stream().map(o -> ((JsonObject) o).getString("actor")).toList(),
        "the claim is audited, the refused one is not");
    ApiResponse list = lead.get("/projects/" + projectId + "/workflows?modelVersionId=" + candidate);
    assertEquals(List.of(wf), list.items().stream().map(o -> ((JsonObject) o).getString("id")).toList());
    assertEquals(200, lead.post("/workflows/" + wf + "/cancel", null).status());
    assertEquals("canceled", pete.get("/tasks/" + peer).json().getString("status"));
    assertEquals(409, lead.post("/workflows/" + wf + "/cancel", null).status());
    assertEquals(201, sam.post("/model-versions/" + candidate + "/workflows", new JsonObject().put("type", "review"))
        .status(), "after cancel the version may be reviewed again");
  }
}
