package dev.modelgate.workflow;

import dev.modelgate.support.ApiResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow latency benchmark (not a test): on a real server with the embedded engine, repeats scenario (a)
 * (promotion of a candidate over an existing production version: gate, peer and product review, two
 * compliance officers, staging and canary messages, promotion) through the HTTP API, and prints the time
 * from {@code POST .../workflows} to the first task in the inbox and to the end, as p50/p90/max.
 *
 * <p>{@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.modelgate.workflow.WorkflowLatencyBenchmark -Dexec.args="20"}
 */
public final class WorkflowLatencyBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    WorkflowScenariosTest.start();
    try {
      WorkflowScenariosTest.settings(null);
      String previous = WorkflowScenariosTest.productionOf("bench");
      List<Double> firstTask = new ArrayList<>();
      List<Double> total = new ArrayList<>();
      for (int i = 0; i < runs + 2; i++) {
        String candidate = WorkflowScenariosTest.register("bench", 0.83, 0.82, 0.81);
        long t0 = System.nanoTime();
        String wf = WorkflowScenariosTest.startWorkflow(WorkflowScenariosTest.sam, candidate, "promotion");
        WorkflowScenariosTest.awaitTasks(WorkflowScenariosTest.pete, wf, "peer-review", 1);
        long t1 = System.nanoTime();
        WorkflowScenariosTest.approveReviewAndSignoff(wf);
        WorkflowScenariosTest.message(wf, "deployment-finished", new JsonObject());
        WorkflowScenariosTest.message(wf, "canary-metrics-reported", new JsonObject()
            .put("metrics", new JsonObject().put("auc", 0.83)));
        JsonObject end = WorkflowScenariosTest.awaitEnd(wf);
        long t2 = System.nanoTime();
        if (!"promoted".equals(end.getString("outcome"))) {
          throw new IllegalStateException("run " + i + " ended " + end.getString("outcome"));
        }
        if (i >= 2) { // the first two runs warm the JVM up
          firstTask.add((t1 - t0) / 1e6);
          total.add((t2 - t0) / 1e6);
        }
        ApiResponse v = WorkflowScenariosTest.lead.get("/model-versions/" + previous);
        previous = candidate;
        if (!"archived".equals(v.json().getString("stage"))) {
          throw new IllegalStateException("previous production not archived");
        }
      }
      System.out.println("runs: " + runs);
      System.out.println("POST -> first task in inbox (ms): " + stats(firstTask));
      System.out.println("scenario (a) end to end (ms):      " + stats(total));
    } finally {
      WorkflowScenariosTest.stop();
    }
  }

  static String stats(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    return String.format("p50 %.0f  p90 %.0f  max %.0f", s.get(s.size() / 2), s.get((int) (s.size() * 0.9)),
        s.getLast());
  }
}
