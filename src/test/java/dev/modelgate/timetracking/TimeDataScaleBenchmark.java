package dev.modelgate.timetracking;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.ProjectRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.TeamRepository;
import dev.modelgate.store.Ids;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Data-scale benchmark (run by hand, not a test): bulk-loads N time entries (default 1,000,000) through
 * the repository layer into a fresh embedded store, then measures latency percentiles of the time
 * report and entry list endpoints over HTTP, sequentially, after a warm-up.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx4g ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.modelgate.timetracking.TimeDataScaleBenchmark -Dexec.args=1000000
 * </pre>
 */
public final class TimeDataScaleBenchmark {

  static final int PROJECTS = 20;
  static final int USERS = 100;
  static final int DAYS = 2 * 365;
  static final int SAMPLES = 300;

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (TestServer server = TestServer.start()) {
      server.createTeam("risk");
      ApiClient lead = server.createUser("lena", "risk", List.of("lead"));
      ApiClient engineer = server.createUser("user-7", "risk", List.of("engineer"));
      List<String> projects = load(server, lead, "risk", total);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      String p0 = projects.getFirst();
      String yearAgo = today.minusDays(365).toString();
      String page2 = lead.get("/projects/" + p0 + "/time-entries?limit=50").json().getString("next");
      Map<String, Supplier<ApiResponse>> calls = new java.util.LinkedHashMap<>();
      calls.put("report project, all time (2y), by activity",
          () -> lead.get("/reports/time?project=" + p0 + "&groupBy=activity"));
      calls.put("report project, all time, by week, CSV",
          () -> lead.get("/reports/time?project=" + p0 + "&groupBy=week&format=csv"));
      calls.put("report team (20 projects), 1y, by user",
          () -> lead.get("/reports/time?team=risk&groupBy=user&from=" + yearAgo));
      calls.put("report team (20 projects), 1y, by project",
          () -> engineer.get("/reports/time?team=risk&groupBy=project&from=" + yearAgo));
      calls.put("list project entries (lead), first page of 50",
          () -> lead.get("/projects/" + p0 + "/time-entries?limit=50"));
      calls.put("list project entries (lead), second page",
          () -> lead.get("/projects/" + p0 + "/time-entries?limit=50&after=" + page2));
      calls.put("list own entries (engineer), first page of 50",
          () -> engineer.get("/projects/" + p0 + "/time-entries?limit=50"));
      for (Map.Entry<String, Supplier<ApiResponse>> c : calls.entrySet()) {
        for (int i = 0; i < 20; i++) {
          check(c.getValue().get());
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
          long s = System.nanoTime();
          check(c.getValue().get());
          nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf("%-50s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms%n", c.getKey(), pct(nanos, 50),
            pct(nanos, 95), pct(nanos, 99));
      }
    }
  }

  /**
   * Creates {@link #PROJECTS} projects in {@code team} through the API and bulk-loads {@code total} entries
   * over them (as the repository layer writes them, with their report counters), by {@link #USERS} users
   * over two years. Returns the project ids.
   */
  public static List<String> load(TestServer server, ApiClient lead, String team, int total) {
    List<String> projects = new ArrayList<>();
    for (int p = 0; p < PROJECTS; p++) {
      projects.add(lead.post("/teams/" + team + "/projects", new JsonObject().put("slug", "time-" + p)
          .put("name", "Time " + p)).json().getString("id"));
    }
    Store store = server.server().store();
    Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store),
        new ModelVersionRepository(store), Clock.systemUTC());
    TimeTracking tracking = TimeTracking.onStore(store, registry, new AccessPolicy(), Clock.systemUTC());
    long t0 = System.nanoTime();
    SplittableRandom random = new SplittableRandom(42);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Activity[] activities = Activity.values();
    int perProject = total / PROJECTS;
    for (String project : projects) {
      List<TimeEntry> batch = new ArrayList<>(perProject);
      Instant now = Instant.now();
      for (int i = 0; i < perProject; i++) {
        String user = "user-" + random.nextInt(USERS);
        batch.add(new TimeEntry(Ids.newId(), project, team, user, random.nextInt(4) == 0 ? "lead" : "engineer",
            today.minusDays(random.nextInt(DAYS)), 15 + random.nextInt(466), activities[random.nextInt(activities.length)],
            null, random.nextBoolean(), null, now, now, 1));
      }
      tracking.bulkLoad(batch);
      System.out.printf("loaded %,d entries (%.0f s)%n", (projects.indexOf(project) + 1L) * perProject,
          (System.nanoTime() - t0) / 1e9);
    }
    store.durability().awaitDurable(store.durability().mark());
    System.out.printf("load: %,d entries in %.0f s%n", (long) perProject * PROJECTS, (System.nanoTime() - t0) / 1e9);
    return projects;
  }

  private static void check(ApiResponse r) {
    if (r.status() != 200) {
      throw new IllegalStateException(r.toString());
    }
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }
}
