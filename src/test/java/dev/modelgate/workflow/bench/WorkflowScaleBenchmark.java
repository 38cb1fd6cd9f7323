package dev.modelgate.workflow.bench;

import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Data-scale benchmark for workflows (run by hand, not a test): runs one real review through the API to
 * get real workflow and approval documents, bulk-loads N copies of each (default 100,000 workflows over 20
 * projects, two approvals each), then measures the workflow and approval endpoints over HTTP.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.modelgate.workflow.bench.WorkflowScaleBenchmark [workflows] [requests]
 * </pre>
 */
public final class WorkflowScaleBenchmark {

  private WorkflowScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workflows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path dir = Files.createTempDirectory("modelgate-wf-bench-");
    try (TestServer server = TestServer.start(dir, Map.of())) {
      server.createTeam("bench");
      ApiClient lead = server.createUser("wf-lead", "bench", List.of("lead", "engineer"));
      ApiClient reviewer = server.createUser("wf-rev", "bench", List.of("engineer"));
      String project = lead.post("/teams/bench/projects", new JsonObject().put("slug", "wf").put("name", "W"))
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
      ApiResponse decided = reviewer.post("/tasks/" + task + "/decision", new JsonObject().put("decision", "approve"));
      if (decided.status() != 201 && decided.status() != 200) {
        throw new IllegalStateException("decision failed: " + decided);
      }
      Store store = server.server().store();
      Document wfShape = store.collection("workflows").find(new Document("_id", workflow)).first();
      Document approvalShape = store.collection("approvals").find(new Document("workflowId", workflow)).first();

      long t0 = System.nanoTime();
      List<String> ownIds = load(store, wfShape, approvalShape, project, workflows);
      store.durability().awaitDurable();
      System.out.printf("loaded %,d workflows and %,d approvals in %.1f s (%,d in the measured project)%n",
          workflows, 2L * workflows, (System.nanoTime() - t0) / 1e9, ownIds.size());

      Random random = new Random(7);
      String secondPage = lead.get("/projects/" + project + "/workflows?limit=50").json().getString("next");
      measure("GET /projects/{p}/workflows (first page)", requests, lead, i -> "/projects/" + project + "/workflows");
      measure("GET /projects/{p}/workflows?after= (next page)", requests, lead,
          i -> "/projects/" + project + "/workflows?after=" + secondPage);
      measure("GET /workflows/{id}", requests, lead, i -> "/workflows/" + ownIds.get(random.nextInt(ownIds.size())));
      measure("GET /projects/{p}/approvals (first page)", requests, lead, i -> "/projects/" + project + "/approvals");
      measure("GET /tasks (my inbox)", requests, reviewer, i -> "/tasks");
    }
  }

  private static List<String> load(Store store, Document wfShape, Document approvalShape, String project, int n) {
    List<String> own = new ArrayList<>();
    List<Document> wfBatch = new ArrayList<>();
    List<Document> apBatch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = new ObjectId().toHexString();
      String projectId = i % 20 == 0 ? project : new ObjectId().toHexString();
      if (projectId.equals(project)) {
        own.add(id);
      }
      Document w = new Document(wfShape);
      w.put("_id", id);
      w.put("projectId", projectId);
      wfBatch.add(w);
      for (int a = 0; a < 2; a++) {
        Document ap = new Document(approvalShape);
        ap.put("_id", new ObjectId().toHexString());
        ap.put("workflowId", id);
        ap.put("taskId", new ObjectId().toHexString());
        ap.put("projectId", projectId);
        apBatch.add(ap);
      }
      if (wfBatch.size() == 1000) {
        store.collection("workflows").insertMany(wfBatch);
        store.collection("approvals").insertMany(apBatch);
        wfBatch.clear();
        apBatch.clear();
      }
    }
    if (!wfBatch.isEmpty()) {
      store.collection("workflows").insertMany(wfBatch);
      store.collection("approvals").insertMany(apBatch);
    }
    return own;
  }

  private static void measure(String name, int requests, ApiClient client, IntFunction<String> path) {
    for (int i = 0; i < 20; i++) {
      client.get(path.apply(i));
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long s = System.nanoTime();
      ApiResponse r = client.get(path.apply(i));
      nanos.add(System.nanoTime() - s);
      if (r.status() != 200) {
        throw new IllegalStateException(name + " -> " + r);
      }
    }
    Collections.sort(nanos);
    System.out.printf("%-50s n=%5d  p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms%n", name, requests,
        pct(nanos, 0.50), pct(nanos, 0.95), pct(nanos, 0.99));
  }

  private static double pct(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }
}
