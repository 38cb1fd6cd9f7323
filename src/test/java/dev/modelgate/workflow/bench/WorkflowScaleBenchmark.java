package dev.modelgate.workflow.bench;

import dev.modelgate.store.IdList;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

      long t0 = System.nanoTime();
      Loaded loaded = load(server.server().store(), shapes, projects, workflows);
      server.server().store().durability().awaitDurable();
      System.out.printf("loaded %,d workflows, %,d approvals, %,d tasks and their lists in %.1f s "
          + "(%,d in the measured project)%n", workflows, 2L * workflows, 2L * workflows,
          (System.nanoTime() - t0) / 1e9, loaded.own().size());

      String project = projects.getFirst();
      List<String> own = loaded.own();
      String middle = own.get(own.size() / 2);
      String version = loaded.ownVersions().get(loaded.ownVersions().size() / 2);
      String middleApproval = loaded.ownApprovals().get(loaded.ownApprovals().size() / 2);
      String middleTask = loaded.reviewerTasks().get(loaded.reviewerTasks().size() / 2);
      Random random = new Random(7);
      String p = "/projects/" + project;
      measure("GET /projects/{p}/workflows (first page)", requests, lead, i -> p + "/workflows");
      measure("GET /projects/{p}/workflows?after= (middle)", requests, lead, i -> p + "/workflows?after=" + middle);
      measure("GET /projects/{p}/workflows?status=completed", requests, lead, i -> p + "/workflows?status=completed");
      measure("GET /projects/{p}/workflows?status=running", requests, lead, i -> p + "/workflows?status=running");
      measure("GET /projects/{p}/workflows?modelVersionId=", requests, lead,
          i -> p + "/workflows?modelVersionId=" + version);
      measure("GET /workflows/{id}", requests, lead, i -> "/workflows/" + own.get(random.nextInt(own.size())));
      measure("GET /projects/{p}/approvals (first page)", requests, lead, i -> p + "/approvals");
      measure("GET /projects/{p}/approvals?after= (middle)", requests, lead,
          i -> p + "/approvals?after=" + middleApproval);
      measure("GET /projects/{p}/approvals?modelVersionId=", requests, lead,
          i -> p + "/approvals?modelVersionId=" + version);
      measure("GET /tasks (open, my inbox)", requests, reviewer, i -> "/tasks");
      measure("GET /tasks?status=decided", requests, reviewer, i -> "/tasks?status=decided");
      measure("GET /tasks?status=decided&after= (middle)", requests, reviewer,
          i -> "/tasks?status=decided&after=" + middleTask);
      measure("GET /tasks?status=decided&assignee=me", requests, reviewer, i -> "/tasks?status=decided&assignee=me");
      measure("GET /tasks?status=decided&workflowId=", requests, reviewer,
          i -> "/tasks?status=decided&workflowId=" + own.get(random.nextInt(own.size())));
      measure("GET /tasks?status=decided&modelVersionId=", requests, reviewer,
          i -> "/tasks?status=decided&modelVersionId=" + version);
      measure("GET /tasks?status=canceled", requests, reviewer, i -> "/tasks?status=canceled");
      measure("GET /projects/{p}/maturity-assessments/prefill", Math.max(20, requests / 10), lead,
          i -> p + "/maturity-assessments/prefill");
    }
  }

  /** Real documents written by a real review, to copy. */
  record Shapes(Document workflow, Document approval, Document task) {}

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

  record Loaded(List<String> own, List<String> ownVersions, List<String> ownApprovals, List<String> reviewerTasks) {}

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

  private static Loaded load(Store store, Shapes shapes, List<String> projects, int n) {
    var wfRepo = new dev.modelgate.workflow.WorkflowRepository(store);
    var apRepo = new dev.modelgate.workflow.ApprovalRepository(store);
    var taskRepo = new dev.modelgate.workflow.TaskRepository(store);
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
      String versionId = versionOf.computeIfAbsent(versionKey, k -> new ObjectId().toHexString());
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

  private static void measure(String name, int requests, ApiClient client, IntFunction<String> path) {
    for (int i = 0; i < 20; i++) {
      client.get(path.apply(i));
    }
    List<Long> nanos = new ArrayList<>();
    int items = -1;
    for (int i = 0; i < requests; i++) {
      long s = System.nanoTime();
      ApiResponse r = client.get(path.apply(i));
      nanos.add(System.nanoTime() - s);
      if (r.status() != 200) {
        throw new IllegalStateException(name + " -> " + r);
      }
      if (i == 0 && r.json().containsKey("items")) {
        items = r.json().getJsonArray("items").size();
      }
    }
    Collections.sort(nanos);
    System.out.printf("%-50s n=%5d items=%4s p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms%n", name, requests,
        items < 0 ? "-" : Integer.toString(items), pct(nanos, 0.50), pct(nanos, 0.95), pct(nanos, 0.99));
  }

  private static double pct(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }
}
