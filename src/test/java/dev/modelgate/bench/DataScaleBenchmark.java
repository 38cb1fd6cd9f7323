package dev.modelgate.bench;

import static dev.modelgate.bench.Latencies.measure;

import dev.modelgate.discussion.DiscussionRepository;
import dev.modelgate.discussion.bench.DiscussionScaleBenchmark;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.TestServer;
import dev.modelgate.timetracking.TimeDataScaleBenchmark;
import dev.modelgate.workflow.bench.WorkflowScaleBenchmark;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The data-scale benchmark (run by hand, not a test): one server and one embedded store holding
 * 1,000,000 comments, 1,000,000 time entries and 100,000 workflows (with 200,000 approvals, 200,000 decided
 * tasks and 25,000 model versions) at once — the defaults — then every list and report endpoint measured
 * over HTTP, sequentially, after a warm-up, with p50/p95/p99 per endpoint and the slowest p95 at the end.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.modelgate.bench.DataScaleBenchmark [comments] [timeEntries] [workflows] [samples]
 * </pre>
 */
public final class DataScaleBenchmark {

  private static final int THREADS = 10_000;
  private static final int WARMUP = 50;

  private DataScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int comments = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int workflows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    Path dir = Files.createTempDirectory("modelgate-scale-");
    try (TestServer server = TestServer.start(dir, Map.of())) {
      WorkflowScaleBenchmark.Setup setup = WorkflowScaleBenchmark.setUp(server);
      ApiClient lead = setup.lead();
      ApiClient engineer = setup.reviewer();
      ApiClient viewer = server.createUser("bench-viewer", "bench", List.of("viewer"));
      ApiClient compliance = server.createUser("bench-officer", "bench", List.of("compliance"));
      Store store = server.server().store();
      long t0 = System.nanoTime();

      // Discussions: THREADS threads on one project, the comments spread evenly over them.
      String discussed = lead.post("/teams/bench/projects", new JsonObject().put("slug", "talk").put("name", "Talk"))
          .json().getString("id");
      String subject = "project:" + discussed;
      String seed = lead.post("/threads?subject=" + subject, new JsonObject().put("title", "seed")).json()
          .getString("id");
      int perThread = comments / THREADS;
      List<String> threads = new ArrayList<>(DiscussionScaleBenchmark.load(store, discussed, THREADS - 1, perThread));
      threads.add(seed);
      System.out.printf("comments loaded: %,d (%.0f s)%n", (long) perThread * (THREADS - 1), secondsSince(t0));

      // Time entries: 20 more projects, 100 people, two years.
      List<String> timed = TimeDataScaleBenchmark.load(server, lead, "bench", entries);
      System.out.printf("time entries loaded: %,d (%.0f s)%n", entries, secondsSince(t0));

      // Workflows with their approvals, tasks and model versions, on the 20 projects of the setup.
      WorkflowScaleBenchmark.Loaded loaded = WorkflowScaleBenchmark.load(store, setup.shapes(), setup.projects(),
          workflows);
      store.durability().awaitDurable(store.durability().mark());
      System.out.printf("workflows loaded: %,d (%.0f s)%n", workflows, secondsSince(t0));

      SplittableRandom random = new SplittableRandom(7);
      int commentPages = (perThread + DiscussionRepository.COMMENTS_PER_PAGE - 1) / DiscussionRepository.COMMENTS_PER_PAGE;
      int threadPages = (THREADS + DiscussionRepository.THREADS_PER_PAGE - 1) / DiscussionRepository.THREADS_PER_PAGE;
      String p0 = timed.getFirst();
      String yearAgo = LocalDate.now(ZoneOffset.UTC).minusDays(365).toString();
      String entriesPage2 = lead.get("/projects/" + p0 + "/time-entries?limit=50").json().getString("next");
      List<Latencies.Summary> results = new ArrayList<>();
      results.add(measure("GET /threads/{id}?after={page} (50 comments)", WARMUP, samples, i -> {
        int page = random.nextInt(commentPages);
        return viewer.get("/threads/" + threads.get(random.nextInt(threads.size() - 1))
            + (page == 0 ? "" : "?after=" + page));
      }));
      results.add(measure("GET /threads?subject=&after={page} (50 threads)", WARMUP, samples, i -> {
        int page = random.nextInt(threadPages);
        return viewer.get("/threads?subject=" + subject + (page == 0 ? "" : "&after=" + page));
      }));
      results.add(measure("GET /reports/time project, 2y, by activity", WARMUP, samples,
          i -> lead.get("/reports/time?project=" + p0 + "&groupBy=activity")));
      results.add(measure("GET /reports/time project, 2y, by week, CSV", WARMUP, samples,
          i -> lead.get("/reports/time?project=" + p0 + "&groupBy=week&format=csv")));
      results.add(measure("GET /reports/time team (40 projects), 1y, by user", WARMUP, samples,
          i -> lead.get("/reports/time?team=bench&groupBy=user&from=" + yearAgo)));
      results.add(measure("GET /reports/time team, 1y, by project (aggregates)", WARMUP, samples,
          i -> engineer.get("/reports/time?team=bench&groupBy=project&from=" + yearAgo)));
      results.add(measure("GET /reports/time project, by workflow step", WARMUP, samples,
          i -> lead.get("/reports/time?project=" + setup.projects().getFirst() + "&groupBy=workflow-step")));
      results.add(measure("GET /projects/{p}/time-entries (lead, 1st page)", WARMUP, samples,
          i -> lead.get("/projects/" + p0 + "/time-entries?limit=50")));
      results.add(measure("GET /projects/{p}/time-entries (lead, 2nd page)", WARMUP, samples,
          i -> lead.get("/projects/" + p0 + "/time-entries?limit=50&after=" + entriesPage2)));
      results.add(measure("GET /projects/{p}/time-entries (own, 1st page)", WARMUP, samples,
          i -> engineer.get("/projects/" + p0 + "/time-entries?limit=50")));
      results.add(measure("GET /projects/{p}/cost-benefit", WARMUP, samples,
          i -> lead.get("/projects/" + p0 + "/cost-benefit")));
      results.addAll(WorkflowScaleBenchmark.measure(setup, loaded, WARMUP, samples));
      results.add(measure("GET /notifications", WARMUP, samples, i -> engineer.get("/notifications")));
      results.add(measure("GET /audit (newest page)", WARMUP, samples, i -> compliance.get("/audit")));

      System.out.println();
      System.out.printf("data in one store: %,d comments, %,d time entries, %,d workflows%n",
          (long) perThread * (THREADS - 1), entries, workflows);
      results.forEach(System.out::println);
      Latencies.Summary worst = results.stream().max(Comparator.comparingDouble(Latencies.Summary::p95)).orElseThrow();
      System.out.printf("slowest p95: %.2f ms (%s)%n", worst.p95(), worst.name());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
