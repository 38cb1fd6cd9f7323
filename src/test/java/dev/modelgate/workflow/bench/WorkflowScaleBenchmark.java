package dev.modelgate.workflow.bench;

import dev.modelgate.bench.Latencies;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import dev.modelgate.store.IdList;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import dev.modelgate.workflow.WorkflowFacts;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Data-scale benchmark for workflows, approvals and tasks (run by hand, not a test). It runs one real
 * review through the API (in a team of its own) to get real workflow, approval and task documents, then
 * bulk-loads N copies into team "bench" (default 100,000 workflows over 20 real projects; two decided
 * tasks and two approvals per workflow; one in 100 still running; four workflows per model version)
 * together with everything the server itself writes for them: the bucketed id lists with the positions
 * recorded in the documents, the approvals copied into their workflows, the running sets, the
 * per-workflow task documents. Then it measures every workflow, approval and task list endpoint and the
 * workflow page over HTTP, printing p50/p95/p99.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.modelgate.workflow.bench.WorkflowScaleBenchmark [workflows] [requests]
 * </pre>
 */
public final class WorkflowScaleBenchmark {

  static final int PROJECTS = 20;
  static final int WORKFLOWS_PER_VERSION = 4;
  static final int BATCH = 1000;

  private WorkflowScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workflows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path dir = Files.createTempDirectory("modelgate-wf-bench-");
    try (TestServer server = TestServer.start(dir, Map.of())) {
      Setup setup = setUp(server);
      long t0 = System.nanoTime();
      Loaded loaded = load(server.server().store(), setup.shapes(), setup.projects(), workflows);
      server.server().store().durability().awaitDurable(server.server().store().durability().mark());
      System.out.printf("loaded %,d workflows, %,d approvals, %,d tasks and their lists in %.1f s "
          + "(%,d in the measured project)%n", workflows, 2L * workflows, 2L * workflows,
          (System.nanoTime() - t0) / 1e9, loaded.own().size());
      measure(setup, loaded, 20, requests);
    }
  }

  /** Team "bench" with {@link #PROJECTS} projects, its lead and a reviewer, and the real document shapes. */
  public record Setup(ApiClient lead, ApiClient reviewer, List<String> projects, Shapes shapes) {}

  /** Creates teams "shape" (for the one real review) and "bench", user wf-lead (lead, engineer) and wf-rev. */
  public static Setup setUp(TestServer server) throws Exception {
    server.createTeam("shape");
    server.createTeam("bench");
    ApiClient lead = server.createUser("wf-lead", "shape", List.of("lead", "engineer"));
    server.grant("wf-lead", "bench", List.of("lead", "engineer"));
    ApiClient reviewer = server.createUser("wf-rev", "shape", List.of("engineer"));
    server.grant("wf-rev", "bench", List.of("engineer"));
    Shapes shapes = realShapes(server, lead, reviewer);
    List<String> projects = new ArrayList<>();
    for (int p = 0; p < PROJECTS; p++) {
      projects.add(lead.post("/teams/bench/projects", new JsonObject().put("slug", "p" + p).put("name", "P" + p))
          .json().getString("id"));
    }
    return new Setup(lead, reviewer, projects, shapes);
  }

  /** Every workflow, approval, task and model-version list endpoint and the workflow page, on the first project. */
  public static List<Latencies.Summary> measure(Setup setup, Loaded loaded, int warmup, int requests) {
    ApiClient lead = setup.lead();
    ApiClient reviewer = setup.reviewer();
    List<String> own = loaded.own();
    String middle = own.get(own.size() / 2);
    String version = loaded.ownVersions().get(loaded.ownVersions().size() / 2);
    String middleApproval = loaded.ownApprovals().get(loaded.ownApprovals().size() / 2);
    String middleTask = loaded.reviewerTasks().get(loaded.reviewerTasks().size() / 2);
    Random random = new Random(7);
    String p = "/projects/" + setup.projects().getFirst();
    Map<String, IntFunction<ApiResponse>> calls = new LinkedHashMap<>();
    calls.put("GET /projects/{p}/workflows (first page)", i -> lead.get(p + "/workflows"));
    calls.put("GET /projects/{p}/workflows?after= (middle)", i -> lead.get(p + "/workflows?after=" + middle));
    calls.put("GET /projects/{p}/workflows?status=completed", i -> lead.get(p + "/workflows?status=completed"));
    calls.put("GET /projects/{p}/workflows?status=running", i -> lead.get(p + "/workflows?status=running"));
    calls.put("GET /projects/{p}/workflows?modelVersionId=", i -> lead.get(p + "/workflows?modelVersionId=" + version));
    calls.put("GET /workflows/{id}", i -> lead.get("/workflows/" + own.get(random.nextInt(own.size()))));
    calls.put("GET /projects/{p}/model-versions (first page)", i -> lead.get(p + "/model-versions"));
    calls.put("GET /projects/{p}/model-versions?after= (middle)",
        i -> lead.get(p + "/model-versions?after=" + version));
    calls.put("GET /projects/{p}/approvals (first page)", i -> lead.get(p + "/approvals"));
    calls.put("GET /projects/{p}/approvals?after= (middle)", i -> lead.get(p + "/approvals?after=" + middleApproval));
    calls.put("GET /projects/{p}/approvals?modelVersionId=", i -> lead.get(p + "/approvals?modelVersionId=" + version));
    calls.put("GET /tasks (open, my inbox)", i -> reviewer.get("/tasks"));
    calls.put("GET /tasks?status=decided", i -> reviewer.get("/tasks?status=decided"));
    calls.put("GET /tasks?status=decided&after= (middle)", i -> reviewer.get("/tasks?status=decided&after=" + middleTask));
    calls.put("GET /tasks?status=decided&assignee=me", i -> reviewer.get("/tasks?status=decided&assignee=me"));
    calls.put("GET /tasks?status=decided&workflowId=",
        i -> reviewer.get("/tasks?status=decided&workflowId=" + own.get(random.nextInt(own.size()))));
    calls.put("GET /tasks?status=decided&modelVersionId=",
        i -> reviewer.get("/tasks?status=decided&modelVersionId=" + version));
    calls.put("GET /tasks?status=canceled", i -> reviewer.get("/tasks?status=canceled"));
    calls.put("GET /projects/{p}/maturity-assessments/prefill", i -> lead.get(p + "/maturity-assessments/prefill"));
    List<Latencies.Summary> out = new ArrayList<>();
    calls.forEach((name, call) -> out.add(Latencies.measure(name, warmup, requests, call)));
    return out;
  }

  /** Real documents written by a real review, to copy. */
  public record Shapes(Document workflow, Document approval, Document task) {}

  private static Shapes realShapes(TestServer server, ApiClient lead, ApiClient reviewer) throws Exception {
    String project = lead.post("/teams/shape/projects", new JsonObject().put("slug", "wf").put("name", "W"))
        .json().getString("id");
    String version = lead.post("/projects/" + project + "/model-versions", new JsonObject().put("model", "m")
        .put("version", "1").put("metrics", new JsonObject().put("auc", 0.9))).json().getString("id");
    String workflow = lead.post("/model-versions/" + version + "/workflows", new JsonObject().put("type", "review"))
        .json().getString("id");
    String task = null;
    for (int i = 0; i < 200 && task == null; i++) {
      var items = reviewer.get("/tasks").items();
      if (!items.isEmpty()) {
        task = items.getJsonObject(0).getString("id");
      } else {
        Thread.sleep(50);
      }
    }
    if (task == null) {
      throw new IllegalStateException("no review task appeared");
    }
    ApiResponse decided = reviewer.post("/tasks/" + task + "/decision", new JsonObject().put("decision", "approve"));
    if (decided.status() != 201 && decided.status() != 200) {
      throw new IllegalStateException("decision failed: " + decided);
    }
    Store store = server.server().store();
    return new Shapes(store.collection("workflows").find(new Document("_id", workflow)).first(),
        store.collection("approvals").find(new Document("_id", decided.json().getString("id"))).first(),
        store.collection("tasks").find(new Document("_id", task)).first());
  }

  public record Loaded(List<String> own, List<String> ownVersions, List<String> ownApprovals, List<String> reviewerTasks) {}

  /** The lists as the server keeps them: owner to ids in position order (positions are 1-based). */
  static final class Lists {
    final Map<String, List<String>> ids = new LinkedHashMap<>();

    long add(String owner, String id) {
      List<String> l = ids.computeIfAbsent(owner, k -> new ArrayList<>());
      l.add(id);
      return l.size();
    }

    void write(IdList list) {
      List<Document> pages = new ArrayList<>();
      List<Document> counters = new ArrayList<>();
      ids.forEach((owner, l) -> {
        pages.addAll(list.pageDocuments(owner, l));
        counters.add(IdList.counterDocument(owner, l.size()));
      });
      insert(list.pageCollection(), pages);
      insert(list.counterCollection(), counters);
    }
  }

  private static void insert(com.mongodb.client.MongoCollection<Document> c, List<Document> docs) {
    for (int i = 0; i < docs.size(); i += BATCH) {
      c.insertMany(docs.subList(i, Math.min(docs.size(), i + BATCH)));
    }
  }

  public static Loaded load(Store store, Shapes shapes, List<String> projects, int n) {
    var wfRepo = new dev.modelgate.workflow.WorkflowRepository(store);
    var apRepo = new dev.modelgate.workflow.ApprovalRepository(store);
    var taskRepo = new dev.modelgate.workflow.TaskRepository(store);
    // Model versions through the repository, as the server registers them (with their list entries).
    var versions = new ModelVersionRepository(store);
    Lists wfLists = new Lists();
    Lists apLists = new Lists();
    Lists taskLists = new Lists();
    Map<String, List<String>> running = new LinkedHashMap<>();
    List<String> own = new ArrayList<>();
    List<String> ownVersions = new ArrayList<>();
    List<String> ownApprovals = new ArrayList<>();
    List<String> reviewerTasks = new ArrayList<>();
    List<Document> wfBatch = new ArrayList<>();
    List<Document> apBatch = new ArrayList<>();
    List<Document> taskBatch = new ArrayList<>();
    List<Document> byWorkflow = new ArrayList<>();
    Map<String, String> versionOf = new LinkedHashMap<>();
    long jobKey = 4_000_000_000_000L;
    long start = System.currentTimeMillis() - n * 60_000L;
    String[][] steps = {{"peer-review", "Peer review", "engineer", "wf-rev"},
        {"product-review", "Product review", "product", "wf-pm"}};
    for (int i = 0; i < n; i++) {
      String id = new ObjectId().toHexString();
      String projectId = projects.get(i % PROJECTS);
      String versionKey = projectId + "/" + (i / PROJECTS / WORKFLOWS_PER_VERSION);
      String versionId = versionOf.computeIfAbsent(versionKey, k -> {
        String vid = new ObjectId().toHexString();
        versions.insert(new ModelVersion(vid, projectId, "bench", "m", k.substring(k.indexOf('/') + 1),
            Map.of("auc", 0.9), List.of(), null, null, Stage.NONE, List.of(), "wf-lead", java.time.Instant.now(), null));
        return vid;
      });
      boolean isRunning = i % 100 == 0;
      Date startedAt = new Date(start + i * 60_000L);
      Document w = new Document(shapes.workflow());
      w.put("_id", id);
      w.put("team", "bench");
      w.put("projectId", projectId);
      w.put("modelVersionId", versionId);
      w.put("startedAt", startedAt);
      w.put("processInstanceKey", jobKey + 10L * i);
      w.put("currentSteps", List.of());
      Document listPos = new Document("project", wfLists.add("project:" + projectId, id))
          .append("version", wfLists.add("version:" + versionId, id));
      if (isRunning) {
        w.put("status", "running");
        w.put("outcome", null);
        w.put("finishedAt", null);
        running.computeIfAbsent(projectId, k -> new ArrayList<>()).add(id);
      } else {
        w.put("status", "completed");
        w.put("outcome", "approved");
        w.put("finishedAt", new Date(startedAt.getTime() + 30_000));
        listPos.append("finished", wfLists.add("project:" + projectId + ":completed", id));
      }
      w.put("listPos", listPos);
      if (projectId.equals(projects.getFirst())) {
        own.add(id);
        if (ownVersions.isEmpty() || !ownVersions.getLast().equals(versionId)) {
          ownVersions.add(versionId);
        }
      }
      Document embedded = new Document();
      List<String> taskIds = new ArrayList<>();
      for (String[] step : steps) {
        String taskId = new ObjectId().toHexString();
        String approvalId = new ObjectId().toHexString();
        Date decidedAt = new Date(startedAt.getTime() + 20_000);
        Document a = new Document(shapes.approval());
        a.put("_id", approvalId);
        a.put("taskId", taskId);
        a.put("workflowId", id);
        a.put("team", "bench");
        a.put("projectId", projectId);
        a.put("modelVersionId", versionId);
        a.put("step", step[0]);
        a.put("role", step[2]);
        a.put("decidedBy", step[3]);
        a.put("decidedAt", decidedAt);
        Document copy = new Document(a);
        embedded.append(approvalId, copy);
        a.put("listPos", new Document("project", apLists.add("project:" + projectId, approvalId))
            .append("version", apLists.add("version:" + versionId, approvalId)));
        apBatch.add(a);
        if (projectId.equals(projects.getFirst())) {
          ownApprovals.add(approvalId);
        }
        Document t = new Document(shapes.task());
        t.put("_id", taskId);
        t.put("jobKey", ++jobKey);
        t.put("workflowId", id);
        t.put("processInstanceKey", w.get("processInstanceKey"));
        t.put("elementId", step[0]);
        t.put("name", step[1]);
        t.put("team", "bench");
        t.put("role", step[2]);
        t.put("assignee", step[3]);
        t.put("projectId", projectId);
        t.put("modelVersionId", versionId);
        t.put("status", "decided");
        t.put("decision", "approve");
        t.put("decidedBy", step[3]);
        t.put("decidedAt", decidedAt);
        t.put("approvalId", approvalId);
        t.put("jobCompleted", true);
        t.put("createdAt", startedAt);
        t.put("listPos", new Document("closed", taskLists.add("bench|" + step[2] + "|decided", taskId))
            .append("assignee", taskLists.add("assignee:" + step[3] + "|decided", taskId)));
        taskBatch.add(t);
        taskIds.add(taskId);
        if (step[3].equals("wf-rev")) {
          reviewerTasks.add(taskId);
        }
      }
      w.put("approvals", embedded);
      wfBatch.add(w);
      byWorkflow.add(new Document("_id", id).append("ids", taskIds));
      if (wfBatch.size() == BATCH) {
        flush(store, wfBatch, apBatch, taskBatch, byWorkflow);
      }
    }
    flush(store, wfBatch, apBatch, taskBatch, byWorkflow);
    wfLists.write(wfRepo.lists());
    apLists.write(apRepo.lists());
    taskLists.write(taskRepo.lists());
    List<Document> runningDocs = new ArrayList<>();
    running.forEach((projectId, ids) -> runningDocs.add(new Document("_id", projectId).append("ids", ids)));
    insert(store.collection("workflow_running"), runningDocs);
    // The per-project counts, as a start-up over these collections builds them.
    new WorkflowFacts(store).build();
    return new Loaded(own, ownVersions, ownApprovals, reviewerTasks);
  }

  private static void flush(Store store, List<Document> wfs, List<Document> aps, List<Document> tasks,
      List<Document> byWorkflow) {
    if (wfs.isEmpty()) {
      return;
    }
    store.collection("workflows").insertMany(wfs);
    store.collection("approvals").insertMany(aps);
    store.collection("tasks").insertMany(tasks);
    store.collection("task_by_workflow").insertMany(byWorkflow);
    wfs.clear();
    aps.clear();
    tasks.clear();
    byWorkflow.clear();
  }
}
