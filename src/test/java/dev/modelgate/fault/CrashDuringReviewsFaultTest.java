package dev.modelgate.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.ChildServer;
import dev.modelgate.support.TestServer;
import dev.modelgate.support.TestServerClients;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The operator's crash, three times over: the server runs in a child process while six clients start review
 * workflows and four others decide their tasks; it is SIGKILLed at a random moment (2–4 s into a round, and
 * after the round acknowledged at least a sixth of the workflows), restarted on the same
 * data directory, and killed again. After the last restart every workflow the API acknowledged must, within
 * 60 s, wait on an open task or a message or have ended; every acknowledged decision is recorded exactly
 * once; no workflow is listed twice; and the audit chain verifies.
 *
 * <p>The kill moments come from a seed printed at the start ({@code -Dfault.seed=} repeats a run).
 */
class CrashDuringReviewsFaultTest {

  private static final int WORKFLOWS = 200;
  private static final int KILLS = 3;
  private static final String TEAM = "fault";
  private static final long SETTLE_MILLIS = 60_000;

  private final Map<String, String> acknowledgedWorkflows = new ConcurrentHashMap<>();
  /** task id → approval id of every decision answered with 201. */
  private final Map<String, String> acknowledgedDecisions = new ConcurrentHashMap<>();
  private final AtomicInteger versionSeq = new AtomicInteger();
  /** "POST workflows 201" → count, printed after each kill (what the load saw). */
  private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  /** API tokens (cheap to verify, unlike passwords, so every restart is at full speed at once). */
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedWorkflowMovesOnAfterRepeatedKills() throws Exception {
    long seed = Long.getLong("fault.seed", System.nanoTime());
    System.out.println("CrashDuringReviewsFaultTest seed " + seed + " (-Dfault.seed=" + seed + " repeats it)");
    Random random = new Random(seed);
    Path dataDir = Files.createTempDirectory("modelgate-fault-");
    int port = ChildServer.freePort();
    String project;
    ChildServer server = ChildServer.start(dataDir, port, Map.of());
    try {
      project = setUp(server.clients());
      for (int kill = 1; kill <= KILLS; kill++) {
        long runMillis = 2_000 + random.nextInt(2_000);
        load(server.clients(), project, runMillis);
        server.kill();
        System.out.printf("kill %d after at least %d ms of load: %d workflows and %d decisions acknowledged so far; answers %s%n",
            kill, runMillis, acknowledgedWorkflows.size(), acknowledgedDecisions.size(), new java.util.TreeMap<>(answers));
        answers.clear();
        server = ChildServer.start(dataDir, port, Map.of());
      }
      long restarted = System.nanoTime();
      ApiClient admin = server.clients().as("admin", TestServer.ADMIN_PASSWORD);
      List<String> stuck = awaitSettled(admin);
      long settledMillis = (System.nanoTime() - restarted) / 1_000_000;
      assertTrue(stuck.isEmpty(), () -> stuck.size() + " of " + acknowledgedWorkflows.size()
          + " acknowledged workflows neither wait on a task or message nor ended " + SETTLE_MILLIS / 1000
          + " s after the last restart (seed " + seed + "):\n" + String.join("\n", stuck));
      System.out.printf("%d workflows, %d decisions acknowledged over %d kills; all settled %d ms after the last "
          + "restart%n", acknowledgedWorkflows.size(), acknowledgedDecisions.size(), KILLS, settledMillis);
      assertTrue(acknowledgedWorkflows.size() > 20, "the load acknowledged too few workflows to mean anything: "
          + acknowledgedWorkflows.size());

      assertDecisionsRecordedOnce(admin, project);
      assertListedOnce(admin, project);
      ApiResponse verify = admin.get("/audit/verify");
      assertEquals(200, verify.status(), verify::toString);
      assertEquals(Boolean.TRUE, verify.json().getBoolean("ok"), verify::toString);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n--- server output (tail) ---\n" + server.output(), e);
    } finally {
      server.close();
    }
  }

  /** One team: a submitter, two engineers and two product members to review, each with an API token. */
  private String setUp(TestServerClients clients) {
    ApiClient admin = clients.as("admin", TestServer.ADMIN_PASSWORD);
    assertEquals(201, admin.post("/teams", new JsonObject().put("slug", TEAM).put("name", "Fault")).status());
    Map<String, List<String>> members = new LinkedHashMap<>();
    members.put("sam", List.of("engineer", "lead"));
    members.put("rita", List.of("engineer"));
    members.put("rick", List.of("engineer"));
    members.put("paul", List.of("product"));
    members.put("pam", List.of("product"));
    members.forEach((user, roles) -> {
      ApiResponse u = admin.post("/users", new JsonObject().put("username", user).put("password", TestServer.PASSWORD));
      assertEquals(201, u.status(), u::toString);
      ApiResponse m = admin.put("/teams/" + TEAM + "/members/" + user, new JsonObject().put("roles",
          new JsonArray(roles)));
      assertEquals(200, m.status(), m::toString);
      ApiResponse t = clients.as(user, TestServer.PASSWORD).post("/tokens", new JsonObject().put("name", "load")
          .put("team", TEAM).put("roles", new JsonArray(roles)).put("expiresInDays", 7));
      assertEquals(201, t.status(), t::toString);
      tokens.put(user, t.json().getString("token"));
    });
    ApiResponse p = as(clients, "sam").post("/teams/" + TEAM + "/projects",
        new JsonObject().put("slug", "crashes").put("name", "Crashes"));
    assertEquals(201, p.status(), p::toString);
    return p.json().getString("id");
  }

  /** Six starters and four deciders for {@code millis}; every 2xx answer is remembered as acknowledged. */
  private void load(TestServerClients clients, String project, long millis) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    ApiClient sam = as(clients, "sam");
    for (int i = 0; i < 6; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        while (!stop.get() && acknowledgedWorkflows.size() < WORKFLOWS) {
          swallowingCrash(() -> startReview(sam, project));
        }
      }));
    }
    for (String decider : List.of("rita", "rick", "paul", "pam")) {
      ApiClient who = as(clients, decider);
      threads.add(Thread.ofPlatform().start(() -> {
        while (!stop.get()) {
          swallowingCrash(() -> decideOne(who));
        }
      }));
    }
    // The kill comes at a random moment, but only once this round has acknowledged its share of the workflows
    // (a slow machine makes rounds longer, not emptier); a round lasts at most a minute.
    int before = acknowledgedWorkflows.size();
    int share = Math.min(WORKFLOWS / KILLS / 2, WORKFLOWS - before);
    long started = System.currentTimeMillis();
    while (System.currentTimeMillis() - started < 60_000
        && (System.currentTimeMillis() - started < millis || acknowledgedWorkflows.size() - before < share)) {
      Thread.sleep(10);
    }
    stop.set(true);
    // The kill comes while requests are in flight: the threads are not joined first.
    Thread.ofPlatform().daemon().start(() -> threads.forEach(t -> {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
  }

  private ApiClient as(TestServerClients clients, String user) {
    return clients.anonymous().withAuthorization("Bearer " + tokens.get(user));
  }

  private void startReview(ApiClient sam, String project) {
    ApiResponse v = sam.post("/projects/" + project + "/model-versions", new JsonObject().put("model", "m")
        .put("version", "1." + versionSeq.incrementAndGet() + "-" + System.nanoTime())
        .put("metrics", new JsonObject().put("auc", 0.9)));
    count("POST model-versions", v);
    if (v.status() != 201) {
      return;
    }
    ApiResponse w = sam.post("/model-versions/" + v.json().getString("id") + "/workflows",
        new JsonObject().put("type", "review"));
    count("POST workflows", w);
    if (w.status() == 201) {
      acknowledgedWorkflows.put(w.json().getString("id"), v.json().getString("id"));
    }
  }

  private void decideOne(ApiClient who) {
    ApiResponse open = who.get("/tasks?limit=20");
    if (open.status() != 200 || open.items().isEmpty()) {
      sleep(20);
      return;
    }
    JsonArray items = open.items();
    JsonObject task = items.getJsonObject(java.util.concurrent.ThreadLocalRandom.current().nextInt(items.size()));
    ApiResponse d = who.post("/tasks/" + task.getString("id") + "/decision", new JsonObject().put("decision",
        "approve"));
    count("POST decision", d);
    if (d.status() == 201) {
      String previous = acknowledgedDecisions.putIfAbsent(task.getString("id"), d.json().getString("id"));
      assertTrue(previous == null, "task " + task.getString("id") + " was decided twice with 201");
    }
  }

  private void count(String what, ApiResponse r) {
    answers.computeIfAbsent(what + " " + r.status(), k -> new AtomicInteger()).incrementAndGet();
  }

  /** Connection failures are the crash itself: the request was not acknowledged. */
  private void swallowingCrash(Runnable request) {
    try {
      request.run();
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      answers.computeIfAbsent("no answer: " + e.getClass().getSimpleName(), k -> new AtomicInteger())
          .incrementAndGet();
      sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls until every acknowledged workflow has settled; answers the ones that have not, with why. */
  private List<String> awaitSettled(ApiClient admin) {
    long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
    Set<String> pending = new HashSet<>(acknowledgedWorkflows.keySet());
    Map<String, String> why = new HashMap<>();
    while (true) {
      for (String id : List.copyOf(pending)) {
        String problem = unsettled(admin, id);
        if (problem == null) {
          pending.remove(id);
          why.remove(id);
        } else {
          why.put(id, problem);
        }
      }
      if (pending.isEmpty() || System.currentTimeMillis() > deadline) {
        return pending.stream().sorted().map(id -> id + ": " + why.get(id)).toList();
      }
      sleep(500);
    }
  }

  /** Null when the workflow ended, or waits on an open task or on a message; else what it shows. */
  private static String unsettled(ApiClient admin, String workflowId) {
    ApiResponse r = admin.get("/workflows/" + workflowId);
    if (r.status() != 200) {
      return "GET answered " + r;
    }
    JsonObject w = r.json();
    if (!"running".equals(w.getString("status"))) {
      return null;
    }
    for (Object o : w.getJsonArray("currentSteps")) {
      JsonObject step = (JsonObject) o;
      if ("message".equals(step.getString("kind"))) {
        return null;
      }
      if ("task".equals(step.getString("kind"))) {
        ApiResponse t = admin.get("/tasks/" + step.getString("taskId"));
        if (t.status() == 200 && "open".equals(t.json().getString("status"))) {
          return null;
        }
      }
    }
    JsonArray timeline = new JsonArray();
    w.getJsonArray("timeline").forEach(e -> timeline.add(((JsonObject) e).getString("step") + "/"
        + ((JsonObject) e).getString("kind")));
    return "running, current steps " + w.getJsonArray("currentSteps").encode() + ", timeline " + timeline.encode();
  }

  /** Every acknowledged decision has its approval; no task has two; the workflows embed each once. */
  private void assertDecisionsRecordedOnce(ApiClient admin, String project) {
    acknowledgedDecisions.forEach((task, approval) -> {
      ApiResponse a = admin.get("/approvals/" + approval);
      assertEquals(200, a.status(), () -> "acknowledged decision of task " + task + " lost: " + a);
      assertEquals(task, a.json().getString("taskId"));
    });
    Set<String> approvalIds = new HashSet<>();
    Set<String> taskIds = new HashSet<>();
    for (JsonObject a : all(admin, "/projects/" + project + "/approvals")) {
      assertTrue(approvalIds.add(a.getString("id")), () -> "approval listed twice: " + a.encode());
      assertTrue(taskIds.add(a.getString("taskId")), () -> "task decided twice: " + a.encode());
    }
    assertTrue(approvalIds.containsAll(acknowledgedDecisions.values()), "every acknowledged approval is listed");
    for (String workflowId : acknowledgedWorkflows.keySet()) {
      JsonArray embedded = admin.get("/workflows/" + workflowId).json().getJsonArray("approvals");
      Set<String> seen = new HashSet<>();
      for (Object o : embedded) {
        String id = ((JsonObject) o).getString("id");
        assertTrue(seen.add(id), () -> "workflow " + workflowId + " shows approval " + id + " twice");
      }
    }
  }

  private void assertListedOnce(ApiClient admin, String project) {
    Set<String> listed = new HashSet<>();
    for (JsonObject w : all(admin, "/projects/" + project + "/workflows")) {
      assertTrue(listed.add(w.getString("id")), () -> "workflow listed twice: " + w.getString("id"));
    }
    assertTrue(listed.containsAll(acknowledgedWorkflows.keySet()), "every acknowledged workflow is listed");
  }

  /** Every item of a paged list. */
  private static List<JsonObject> all(ApiClient who, String path) {
    List<JsonObject> out = new ArrayList<>();
    String next = null;
    do {
      ApiResponse r = who.get(path + "?limit=100" + (next == null ? "" : "&after=" + next));
      assertEquals(200, r.status(), r::toString);
      r.items().forEach(o -> out.add((JsonObject) o));
      next = r.json().getString("next");
    } while (next != null);
    return out;
  }
}
