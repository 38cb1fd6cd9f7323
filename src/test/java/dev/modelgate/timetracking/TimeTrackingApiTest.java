package dev.modelgate.timetracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.ProjectRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.TeamRepository;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.MovableClock;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time entries, timers, reports and their access rules through the HTTP API of a real server. The server's
 * clock starts at a fixed instant, so "today" (entries may be dated at most a day ahead, reports end today by
 * default) is the same on every run; each test that reports over a team has a team of its own, so no other
 * test's entries can change its totals.
 */
class TimeTrackingApiTest {

  static final Instant START = Instant.parse("2026-11-18T12:00:00Z");
  static final LocalDate TODAY = LocalDate.parse("2026-11-18");
  static final MovableClock CLOCK = MovableClock.startingAt(START);
  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;
  static ApiClient product;
  static ApiClient viewer;
  static ApiClient outsider;
  static String scoring;
  static String churn;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), CLOCK);
    server.createTeam("risk");
    server.createTeam("other");
    lead = server.createUser("lena", "risk", List.of("lead"));
    engineer = server.createUser("eve", "risk", List.of("engineer"));
    product = server.createUser("pat", "risk", List.of("product"));
    viewer = server.createUser("vic", "risk", List.of("viewer"));
    outsider = server.createUser("otto", "other", List.of("lead", "engineer"));
    scoring = project("scoring");
    churn = project("churn");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String project(String slug) {
    return project("risk", slug);
  }

  static String project(String team, String slug) {
    ApiResponse p = lead.post("/teams/" + team + "/projects", new JsonObject().put("slug", slug).put("name", slug));
    assertEquals(201, p.status(), p::toString);
    return p.json().getString("id");
  }

  /** A team of the test's own, with the same people in the same roles as in {@code risk}. */
  static String team(String slug) {
    server.createTeam(slug);
    server.grant("lena", slug, List.of("lead"));
    server.grant("eve", slug, List.of("engineer"));
    server.grant("pat", slug, List.of("product"));
    server.grant("vic", slug, List.of("viewer"));
    return slug;
  }

  static JsonObject log(ApiClient who, String project, String duration, String date, String activity) {
    ApiResponse r = who.post("/projects/" + project + "/time-entries", new JsonObject().put("duration", duration)
        .put("date", date).put("activity", activity).put("note", "work"));
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  static JsonObject report(ApiClient who, String query) {
    ApiResponse r = who.get("/reports/time?" + query);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  /** Minutes per row key of a report. */
  static Map<String, Long> rows(JsonObject report) {
    Map<String, Long> out = new HashMap<>();
    report.getJsonArray("rows").forEach(o -> out.put(((JsonObject) o).getString("key"),
        ((JsonObject) o).getLong("minutes")));
    return out;
  }

  static long total(JsonObject report) {
    return report.getJsonObject("total").getLong("minutes");
  }

  static long sum(Map<String, Long> rows) {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void entryParsesTheDurationAndRendersIt() {
    String parsed = project("parsed");
    JsonObject e = log(engineer, parsed, "1w 2d 3h 15m", "2026-09-01", "training");
    assertEquals(3555, e.getLong("minutes"));
    assertEquals("1w 2d 3h 15m", e.getString("duration"));
    assertEquals("engineer", e.getString("role"));
    assertEquals("eve", e.getString("user"));
    assertTrue(e.getBoolean("billable"));
    JsonObject hours = log(engineer, parsed, "1.5", "2026-09-01", "training");
    assertEquals(90, hours.getLong("minutes"));
    assertEquals(204, engineer.delete("/time-entries/" + e.getString("id")).status());
    assertEquals(204, engineer.delete("/time-entries/" + hours.getString("id")).status());
  }

  @Test
  void badDurationIsA400NamingTheAcceptedForms() {
    ApiResponse r = engineer.post("/projects/" + churn + "/time-entries", new JsonObject().put("duration", "1h1h")
        .put("activity", "training"));
    assertEquals(400, r.status(), r::toString);
    assertEquals("application/problem+json", r.contentType());
    assertEquals("duration", r.json().getString("field"));
    assertTrue(r.json().getString("detail").contains("1h30m, 45m, 2d, 1w or 1w 2d 3h 15m"), r::toString);
    ApiResponse activity = engineer.post("/projects/" + churn + "/time-entries",
        new JsonObject().put("duration", "1h").put("activity", "napping"));
    assertEquals(400, activity.status());
    assertEquals("activity", activity.json().getString("field"));
    ApiResponse future = engineer.post("/projects/" + churn + "/time-entries",
        new JsonObject().put("duration", "1h").put("activity", "training").put("date", TODAY.plusDays(2).toString()));
    assertEquals(422, future.status(), future::toString);
    assertEquals("date", future.json().getString("field"));
  }

  @Test
  void reportTotalsAddUpAcrossGroupingsAndFollowEditsAndDeletes() {
    String team = team("totals");
    String scoring = project(team, "scoring");
    String churn = project(team, "churn");
    String range = "team=" + team + "&from=2026-10-01&to=2026-10-31";
    log(engineer, scoring, "1h30m", "2026-10-05", "training");         // week 41
    JsonObject edited = log(engineer, scoring, "2h", "2026-10-07", "validation");  // week 41
    log(product, scoring, "45m", "2026-10-14", "review");              // week 42
    log(lead, churn, "1d", "2026-10-20", "experimentation");           // week 43
    JsonObject deleted = log(lead, scoring, "30m", "2026-10-21", "review");  // week 43
    log(engineer, scoring, "5h", "2026-09-30", "training");            // outside the range
    long expected = 90 + 120 + 45 + 480 + 30;

    for (String groupBy : List.of("project", "user", "activity", "week")) {
      JsonObject r = report(lead, range + "&groupBy=" + groupBy);
      assertEquals(expected, total(r), groupBy);
      assertEquals(expected, sum(rows(r)), groupBy);
    }
    assertEquals(Map.of("eve", 210L, "pat", 45L, "lena", 510L), rows(report(lead, range + "&groupBy=user")));
    assertEquals(Map.of("2026-W41", 210L, "2026-W42", 45L, "2026-W43", 510L),
        rows(report(lead, range + "&groupBy=week")));
    assertEquals(Map.of(scoring, 285L, churn, 480L), rows(report(lead, range + "&groupBy=project")));

    // edit: 2h validation on Wednesday of week 41 becomes 3h15m training in week 42
    ApiResponse patch = engineer.patch("/time-entries/" + edited.getString("id"),
        new JsonObject().put("duration", "3h15m").put("activity", "training").put("date", "2026-10-13"));
    assertEquals(200, patch.status(), patch::toString);
    assertEquals(2, patch.json().getLong("version"));
    // delete: lena's 30m review
    assertEquals(204, lead.delete("/time-entries/" + deleted.getString("id")).status());
    assertEquals(404, lead.get("/time-entries/" + deleted.getString("id")).status());

    long after = expected - 120 + 195 - 30;
    for (String groupBy : List.of("project", "user", "activity", "week")) {
      JsonObject r = report(lead, range + "&groupBy=" + groupBy);
      assertEquals(after, total(r), groupBy);
      assertEquals(after, sum(rows(r)), groupBy);
    }
    assertEquals(Map.of("training", 90L + 195, "review", 45L, "experimentation", 480L),
        rows(report(lead, range + "&groupBy=activity")));
    assertEquals(Map.of("2026-W41", 90L, "2026-W42", 45L + 195, "2026-W43", 480L),
        rows(report(lead, range + "&groupBy=week")));
    // a day-precise range cuts inside a week
    assertEquals(90L, total(report(lead, "project=" + scoring + "&from=2026-10-05&to=2026-10-12")));

    // CSV, by format parameter and by Accept header
    ApiResponse csv = lead.get("/reports/time?" + range + "&groupBy=user&format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    String[] lines = csv.body().split("\r\n");
    assertEquals("user,label,hours,minutes,billable_hours,billable_minutes,entries", lines[0]);
    assertEquals(5, lines.length, csv.body());
    long csvSum = 0;
    for (int i = 1; i < lines.length - 1; i++) {
      csvSum += Long.parseLong(lines[i].split(",")[3]);
    }
    assertEquals(after, csvSum);
    assertTrue(lines[lines.length - 1].startsWith("total,Total,"), lines[lines.length - 1]);
    assertEquals(after, Long.parseLong(lines[lines.length - 1].split(",")[3]));
    ApiResponse accept = lead.send("GET", "/api/v1/reports/time?" + range + "&groupBy=user", null, null);
    assertTrue(accept.contentType().startsWith("application/json"));
  }

  @Test
  void othersSeeOnlyTheirOwnEntriesAndAggregates() {
    String team = team("aggregates");
    String scoring = project(team, "scoring");
    String range = "team=" + team + "&from=2026-08-01&to=2026-08-31";
    JsonObject eve = log(engineer, scoring, "2h", "2026-08-03", "training");
    log(product, scoring, "1h", "2026-08-04", "review");
    log(lead, scoring, "3h", "2026-08-05", "review");

    List<String> patSees = users(product.get("/projects/" + scoring + "/time-entries?from=2026-08-01&to=2026-08-31"));
    assertEquals(List.of("pat"), patSees);
    assertEquals(403, product.get("/projects/" + scoring + "/time-entries?user=eve").status());
    List<String> leadSees = users(lead.get("/projects/" + scoring + "/time-entries?from=2026-08-01&to=2026-08-31"));
    assertEquals(List.of("lena", "pat", "eve"), leadSees);
    assertEquals(List.of("eve"), users(lead.get("/projects/" + scoring
        + "/time-entries?from=2026-08-01&to=2026-08-31&user=eve")));

    JsonObject patReport = report(product, range + "&groupBy=user");
    assertEquals(Map.of("pat", 60L, TimeReports.OTHERS, 300L), rows(patReport));
    assertEquals(total(report(lead, range + "&groupBy=user")), total(patReport));
    assertEquals(Map.of(TimeReports.OTHERS, 360L), rows(report(viewer, range + "&groupBy=user")));

    assertEquals(404, product.get("/time-entries/" + eve.getString("id")).status());
    assertEquals(404, product.patch("/time-entries/" + eve.getString("id"), new JsonObject().put("note", "x")).status());
    assertEquals(403, lead.patch("/time-entries/" + eve.getString("id"), new JsonObject().put("note", "x")).status());
    assertEquals(403, lead.delete("/time-entries/" + eve.getString("id")).status());
    assertEquals(200, lead.get("/time-entries/" + eve.getString("id")).status());
    assertEquals(403, viewer.post("/projects/" + scoring + "/time-entries", new JsonObject().put("duration", "1h")
        .put("activity", "review")).status());
    assertEquals(404, outsider.get("/reports/time?team=" + team).status());
    assertEquals(404, outsider.get("/projects/" + scoring + "/time-entries").status());
    assertEquals(400, lead.get("/reports/time?groupBy=user").status());
    assertEquals(400, lead.get("/reports/time?team=" + team + "&groupBy=colour").status());
  }

  static List<String> users(ApiResponse r) {
    assertEquals(200, r.status(), r::toString);
    List<String> out = new ArrayList<>();
    r.items().forEach(o -> out.add(((JsonObject) o).getString("user")));
    return out;
  }

  @Test
  void listPagesThroughEntriesNewestFirst() {
    String churn = project("paging");
    List<String> ids = new ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      ids.add(log(product, churn, day + "m", "2026-07-0" + day, "other").getString("id"));
    }
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      ApiResponse r = product.get("/projects/" + churn + "/time-entries?from=2026-07-01&to=2026-07-31&limit=3"
          + (next == null ? "" : "&after=" + next));
      assertEquals(200, r.status(), r::toString);
      r.items().forEach(o -> seen.add(((JsonObject) o).getString("id")));
      next = r.json().getString("next");
    } while (next != null);
    assertEquals(ids.reversed(), seen);
  }

  @Test
  void aTimerStoppedAfterItsOwnerLeftTheTeamWritesNoEntryThere() {
    String team = team("timer-left");
    String project = project(team, "left");
    ApiClient leaver = server.createUser("tim-leaver", team, List.of("engineer"));
    server.grant("tim-leaver", "other", List.of("engineer"));
    ApiResponse started = leaver.post("/timers/start", new JsonObject().put("project", project)
        .put("activity", "training"));
    assertEquals(201, started.status(), started::toString);
    server.grant("tim-leaver", team, List.of());
    ApiResponse stopped = leaver.post("/timers/stop", null);
    assertEquals(404, stopped.status(), () -> "a removed member still logged time: " + stopped);
    assertEquals(0, lead.get("/projects/" + project + "/time-entries").json().getJsonArray("items").size());
    assertEquals(404, leaver.get("/timers/current").status(), "the timer is dropped, not left running");
    String elsewhere = server.admin().post("/teams/other/projects", new JsonObject().put("slug", "after-leaving")
        .put("name", "After leaving")).json().getString("id");
    assertEquals(201, leaver.post("/timers/start", new JsonObject().put("project", elsewhere)
        .put("activity", "training")).status(), "the person can time other work");
    assertEquals(201, leaver.post("/timers/stop", null).status());
  }

  @Test
  void oneRunningTimerPerUserThatBecomesAnEntry() {
    String churn = project("timed");
    ApiResponse started = engineer.post("/timers/start", new JsonObject().put("project", churn)
        .put("activity", "feature-engineering").put("note", "timer"));
    assertEquals(201, started.status(), started::toString);
    ApiResponse again = engineer.post("/timers/start", new JsonObject().put("project", scoring)
        .put("activity", "training"));
    assertEquals(409, again.status(), again::toString);
    assertEquals(churn, engineer.get("/timers/current").json().getString("projectId"));
    assertEquals(403, viewer.post("/timers/start", new JsonObject().put("project", churn)
        .put("activity", "training")).status());
    assertEquals(404, outsider.post("/timers/start", new JsonObject().put("project", churn)
        .put("activity", "training")).status());

    ApiResponse stopped = engineer.post("/timers/stop", null);
    assertEquals(201, stopped.status(), stopped::toString);
    JsonObject entry = stopped.json();
    assertEquals("feature-engineering", entry.getString("activity"));
    assertTrue(entry.getLong("minutes") >= 1);
    assertEquals("timer", entry.getString("note"));
    assertEquals(TODAY.toString(), entry.getString("date"), "dated today by the server's clock");
    assertEquals(200, engineer.get("/time-entries/" + entry.getString("id")).status());
    assertEquals(404, engineer.get("/timers/current").status());
    assertEquals(404, engineer.post("/timers/stop", null).status());
    assertEquals(204, engineer.delete("/time-entries/" + entry.getString("id")).status());
  }

  @Test
  void teamCountersOfAStoreWrittenBeforeThemAreBuiltOnceAtStart() {
    String team = team("legacy");
    String a = project(team, "legacy-a");
    String b = project(team, "legacy-b");
    log(engineer, a, "2h", "2026-06-02", "training");
    log(engineer, b, "1h30m", "2026-06-03", "validation");
    log(lead, b, "45m", "2026-06-10", "review");
    String range = "team=" + team + "&from=2026-06-01&to=2026-06-30&groupBy=";
    Map<String, Map<String, Long>> before = new HashMap<>();
    for (String g : List.of("project", "activity", "week", "user")) {
      before.put(g, rows(report(lead, range + g)));
    }
    assertEquals(Map.of(a, 120L, b, 135L), before.get("project"));
    double labourHours = lead.get("/projects/" + b + "/cost-benefit").json().getJsonObject("labour").getDouble("hours");
    assertEquals(2.25, labourHours, 0.001);
    // An older store: activity counters per project only (person counters per project and per team by day),
    // no latest dates, and no markers.
    Store store = server.server().store();
    store.collection("time_counters").deleteMany(com.mongodb.client.model.Filters.regex("_id", "^team"));
    store.collection("time_user_counters").deleteMany(com.mongodb.client.model.Filters.regex("_id", "^(team-week|week|all):"));
    store.collection("time_projects").updateMany(new org.bson.Document(),
        com.mongodb.client.model.Updates.unset("lastDate"));
    store.collection("time_counters_migrations").deleteMany(new org.bson.Document());
    store.collection("time_user_counters_migrations").deleteMany(new org.bson.Document());
    assertEquals(Map.of(), rows(report(lead, range + "project")));
    assertEquals(0, total(report(lead, "team=" + team + "&from=2026-06-01&to=2026-06-28&groupBy=user")));
    TimeTracking restarted = tracking();
    restarted.ensureIndexes();
    restarted.ensureIndexes();
    for (String g : List.of("project", "activity", "week", "user")) {
      assertEquals(before.get(g), rows(report(lead, range + g)), g);
    }
    assertEquals(labourHours, lead.get("/projects/" + b + "/cost-benefit").json().getJsonObject("labour")
        .getDouble("hours"), 0.001);
  }

  @Test
  void personMinutesOverAnyRangeAgreeWithTheEntriesWhicheverCountersAnswer() {
    String span = project(team("span"), "span");
    LocalDate today = TODAY;
    // (who, role, date offset from today, minutes); tomorrow is the latest date an entry may have.
    record Logged(ApiClient who, String user, String role, int offset, long minutes) {}
    List<Logged> logged = new ArrayList<>(List.of(
        new Logged(engineer, "eve", "engineer", -75, 120), new Logged(lead, "lena", "lead", -60, 45),
        new Logged(engineer, "eve", "engineer", -33, 90), new Logged(lead, "lena", "lead", -12, 30),
        new Logged(engineer, "eve", "engineer", -2, 60), new Logged(lead, "lena", "lead", 0, 15),
        new Logged(engineer, "eve", "engineer", 1, 240)));
    List<String> ids = new ArrayList<>();
    for (Logged l : logged) {
      ids.add(log(l.who(), span, l.minutes() + "m", today.plusDays(l.offset()).toString(), "training").getString("id"));
    }
    // An edit that moves an entry 40 days back, and a deletion: both must leave every counter.
    assertEquals(200, engineer.patch("/time-entries/" + ids.get(2), new JsonObject()
        .put("date", today.minusDays(73).toString())).status());
    logged.set(2, new Logged(engineer, "eve", "engineer", -73, 90));
    assertEquals(204, lead.delete("/time-entries/" + ids.get(3)).status());
    logged.remove(3);

    Store store = server.server().store();
    Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store),
        new ModelVersionRepository(store), CLOCK);
    TimeReports reports = new TimeReports(tracking(), registry, new AccessPolicy());
    var project = registry.project(span);
    int[][] ranges = {{-400, 1}, {-75, 0}, {-80, -1}, {-80, -3}, {-80, -40}, {-74, 1}, {-60, -2}, {-1, 1},
        {-400, -76}, {0, 0}, {2, 30}};
    for (int[] r : ranges) {
      LocalDate from = today.plusDays(r[0]);
      LocalDate to = today.plusDays(r[1]);
      Map<String, Map<String, Long>> expected = new HashMap<>();
      logged.stream().filter(l -> l.offset() >= r[0] && l.offset() <= r[1]).forEach(l -> expected
          .computeIfAbsent(l.user(), k -> new HashMap<>()).merge(l.role(), l.minutes(), Long::sum));
      assertEquals(expected, reports.minutesByUserAndRole(project, from, to), from + " to " + to);
    }
  }

  /** A second service on the same store, as the workflow feature or a repairing replica would use it. */
  static TimeTracking tracking() {
    Store store = server.server().store();
    Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store),
        new ModelVersionRepository(store), CLOCK);
    return TimeTracking.onStore(store, registry, new AccessPolicy(), CLOCK);
  }

  @Test
  void workflowStepsRecordTheirTimeOncePerKey() {
    String project = project("steps");
    TimeTracking t = tracking();
    t.recordWorkflowStepTime(project, "wf-1", "peer-review", "engineer", Duration.ofHours(5), "job-1");
    t.recordWorkflowStepTime(project, "wf-1", "peer-review", "engineer", Duration.ofHours(5), "job-1");
    t.recordWorkflowStepTime(project, "wf-1", "compliance-signoff", "compliance", Duration.ofMinutes(90));
    JsonObject r = report(lead, "project=" + project + "&groupBy=workflow-step&from=" + TODAY.minusDays(1));
    Map<String, Long> seconds = new HashMap<>();
    r.getJsonArray("rows").forEach(o -> seconds.put(((JsonObject) o).getString("key"),
        ((JsonObject) o).getLong("seconds")));
    assertEquals(Map.of("peer-review", 5 * 3600L, "compliance-signoff", 5400L), seconds);
    assertEquals(5 * 3600L + 5400, r.getJsonObject("total").getLong("seconds"));
    assertEquals(2L, r.getJsonObject("total").getLong("count"));
  }

  @Test
  void concurrentWritersOnTwoServiceInstancesLoseNoCounterUpdate() throws Exception {
    String project = project("busy");
    TimeTracking replica = tracking();
    Store store = server.server().store();
    dev.modelgate.registry.Project p = new Registry(new TeamRepository(store), new ProjectRepository(store),
        new ModelVersionRepository(store), CLOCK).project(project);
    dev.modelgate.access.Principal eve = new dev.modelgate.access.Principal("eve", "eve", false,
        Map.of("risk", java.util.Set.of(dev.modelgate.access.Role.ENGINEER)), "local");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          if (n % 2 == 0) {
            log(engineer, project, "7m", "2026-05-06", "training");
          } else {
            replica.create(eve, p, new TimeEntryFields(7L, LocalDate.parse("2026-05-07"), Activity.TRAINING, null,
                true, null, false, null));
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    JsonObject r = report(lead, "project=" + project + "&from=2026-05-01&to=2026-05-31&groupBy=week");
    assertEquals(80 * 7, total(r));
    assertEquals(80, r.getJsonObject("total").getLong("entries"));
  }

  @Test
  void anInterruptedChangeIsFinishedOnceByTheRepair() {
    String team = team("repair");
    String project = project(team, "repair");
    TimeTracking t = tracking();
    // A writer that died after writing the entry and its pending change, before touching the counters:
    TimeEntry e = new TimeEntry(dev.modelgate.store.Ids.newId(), project, team, "eve", "engineer",
        LocalDate.parse("2026-06-03"), 100, Activity.TRAINING, null, true, null, CLOCK.instant(), CLOCK.instant(), 1);
    TimeEntryRepository.Change change = new TimeEntryRepository.Change("op-crash", null, e.contribution());
    t.entries().markPending(change.op(), e.id(), CLOCK.instant().minusSeconds(600));
    t.entries().insert(e, change);
    String query = "project=" + project + "&from=2026-06-01&to=2026-06-30";
    assertEquals(0, total(report(lead, query)));
    // ... and a counter update that was applied before the crash is not applied twice:
    t.counters().apply(project, team, e.date(), "op-crash+", new WeeklyCounters.Delta(
        TimeTracking.activityCell(e.contribution()), 100, 100, 1));
    assertEquals(100, total(report(lead, query)));
    assertEquals(1, t.repairPending(Duration.ofMinutes(1)));
    assertEquals(100, total(report(lead, query)));
    assertEquals(0, t.repairPending(Duration.ZERO));
    assertEquals(100, total(report(lead, query)));
    assertEquals(1, lead.get("/projects/" + project + "/time-entries?from=2026-06-01").items().size());
    assertNull(t.entries().find(e.id()).orElseThrow().pending());
  }
}
