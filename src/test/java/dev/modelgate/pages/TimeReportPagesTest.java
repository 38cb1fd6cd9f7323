package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.MovableClock;
import dev.modelgate.support.TestServer;
import dev.modelgate.timetracking.WorkflowStepTimes;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report card of the time page over plain HTTP: a team-wide or project scope, a date range and any
 * grouping chosen in a GET form; refused input at its field with a 400 and the rest of the page intact; the
 * CSV download of the same query, behind the same sign-in and the same permission. Reports without a range
 * end today, and span at most three years: the server's clock starts at a fixed instant so that the entries of
 * March 2026 stay inside the default range whenever the suite runs.
 */
class TimeReportPagesTest {

  private static final Pattern ROW = Pattern.compile(
      "data-key=\"([^\"]+)\">\\s*<td>([^<]*)</td>\\s*<td class=\"num hours\">([^<]*)</td>");
  private static final Pattern TOTAL = Pattern.compile("id=\"report-total\">([^<]*)<");
  private static final Pattern CSV_LINK = Pattern.compile("id=\"report-csv\"[^>]*href=\"([^\"]+)\"");

  static TestServer server;
  static String scoring;
  static String fraud;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), MovableClock.startingAt(Instant.parse("2026-04-15T12:00:00Z")));
    server.createTeam("risk");
    server.createTeam("other");
    ApiClient lena = server.createUser("lena", "risk", List.of("lead"));
    ApiClient pia = server.createUser("pia", "risk", List.of("product"));
    ApiClient sam = server.createUser("sam", "risk", List.of("engineer"));
    server.createUser("otto", "other", List.of("lead"));
    scoring = PageFixtures.project(lena, "risk", "scoring");
    fraud = PageFixtures.project(lena, "risk", "fraud");
    // 7.5 h in all: scoring 3.5 h (sam), fraud 4 h (pia 1 h, lena 3 h); 3 h in the week of 2 March.
    log(sam, scoring, "2h", "training", "2026-03-02");
    log(sam, scoring, "1h30m", "validation", "2026-03-10");
    log(pia, fraud, "1h", "review", "2026-03-03");
    log(lena, fraud, "3h", "review", "2026-04-06");
    // A workflow step (peer review) that waited 1.5 h, recorded as the workflows record it: in seconds.
    new WorkflowStepTimes(server.server().store()).record("test-step-1", scoring, "risk", "wf-1", "peer-review",
        "engineer", 5400, LocalDate.parse("2026-03-04"), Instant.parse("2026-03-04T12:00:00Z"));
  }

  private static void log(ApiClient who, String project, String duration, String activity, String date) {
    ApiResponse r = who.post("/projects/" + project + "/time-entries", new JsonObject().put("duration", duration)
        .put("activity", activity).put("date", date));
    assertEquals(201, r.status(), r::toString);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Rows of the page's report table: key → shown hours. */
  private static Map<String, String> rows(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      out.put(m.group(1), m.group(3));
    }
    return out;
  }

  private static double hours(String shown) {
    assertTrue(shown.endsWith(" h"), shown);
    return Double.parseDouble(shown.substring(0, shown.length() - 2));
  }

  private static String total(String html) {
    Matcher m = TOTAL.matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  private static String reportTable(String html) {
    int start = html.indexOf("id=\"report\"");
    assertTrue(start >= 0, html);
    return html.substring(start);
  }

  @Test
  void aLeadsTeamReportByProjectAddsUp() {
    PageClient lena = PageClient.signedIn(server, "lena");
    HttpResponse<String> r = lena.get("/time?scope=team:risk&groupBy=project");
    assertEquals(200, r.statusCode(), r::body);
    Map<String, String> rows = rows(r.body());
    assertEquals(Map.of(scoring, "3.5 h", fraud, "4.0 h"), rows, r.body());
    assertEquals("7.5 h", total(r.body()));
    assertEquals(7.5, rows.values().stream().mapToDouble(TimeReportPagesTest::hours).sum(), 1e-9);
    assertTrue(r.body().contains("Report on team risk"), r.body());
    assertTrue(r.body().contains("<option value=\"team:risk\" selected=\"selected\">"), "the form shows the query");

    // Without a scope the page keeps its old behaviour: the selected project, by activity.
    String plain = lena.get("/time?project=" + scoring).body();
    assertEquals(Map.of("training", "2.0 h", "validation", "1.5 h"), rows(plain), plain);
    assertEquals("3.5 h", total(plain));
  }

  @Test
  void aProductMemberSeesTheirOwnRowAndOthersOnly() {
    PageClient pia = PageClient.signedIn(server, "pia");
    HttpResponse<String> r = pia.get("/time?scope=team:risk&groupBy=user");
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(Map.of("pia", "1.0 h", "(others)", "6.5 h"), rows(r.body()), r.body());
    assertEquals("7.5 h", total(r.body()));
    String report = reportTable(r.body());
    assertFalse(report.contains("sam"), report);
    assertFalse(report.contains("lena"), report);

    // The lead, who may read everyone's entries, sees each person.
    String lead = PageClient.signedIn(server, "lena").get("/time?scope=team:risk&groupBy=user").body();
    assertEquals(Map.of("lena", "3.0 h", "pia", "1.0 h", "sam", "3.5 h"), rows(lead), lead);
  }

  @Test
  void fromAndToLimitTheTotals() {
    PageClient lena = PageClient.signedIn(server, "lena");
    String firstWeek = lena.get("/time?scope=team:risk&from=2026-03-01&to=2026-03-08&groupBy=activity").body();
    assertEquals(Map.of("training", "2.0 h", "review", "1.0 h"), rows(firstWeek), firstWeek);
    assertEquals("3.0 h", total(firstWeek));
    String restOfMarch = lena.get("/time?scope=team:risk&from=2026-03-09&to=2026-03-31&groupBy=week").body();
    assertEquals("1.5 h", total(restOfMarch), restOfMarch);
    String oneProject = lena.get("/time?scope=project:" + fraud + "&from=2026-04-01&to=2026-04-30").body();
    assertEquals(Map.of("review", "3.0 h"), rows(oneProject), oneProject);
    assertTrue(oneProject.contains("Report on fraud"), oneProject);
  }

  @Test
  void workflowStepRowsAreHoursFromSeconds() {
    PageClient lena = PageClient.signedIn(server, "lena");
    String page = lena.get("/time?scope=project:" + scoring + "&groupBy=workflow-step").body();
    assertEquals(Map.of("peer-review", "1.5 h"), rows(page), page);
    assertEquals("1.5 h", total(page));
    HttpResponse<String> csv = lena.get(csvLink(page));
    assertEquals(200, csv.statusCode(), csv::body);
    assertTrue(csv.body().contains("peer-review,peer-review,1.5,5400,1\r\n"), csv.body());
  }

  @Test
  void badInputIsShownAtItsFieldWithTheRestOfThePageWorking() {
    PageClient lena = PageClient.signedIn(server, "lena");
    HttpResponse<String> badDate = lena.get("/time?scope=team:risk&from=2026-13-01");
    assertEquals(400, badDate.statusCode(), badDate::body);
    assertTrue(badDate.body().contains("id=\"report-error-from\">must be a date such as 2026-01-31<"),
        badDate.body());
    assertTrue(badDate.body().contains("value=\"2026-13-01\""), "the typed value is kept");
    assertTrue(badDate.body().contains("id=\"entry-form\""), "logging time still works");
    assertTrue(badDate.body().contains("My entries on "), "the entries card is still there");
    assertFalse(badDate.body().contains("id=\"report-table\""));

    HttpResponse<String> reversed = lena.get("/time?scope=team:risk&from=2026-04-01&to=2026-03-01");
    assertEquals(400, reversed.statusCode(), reversed::body);
    assertTrue(reversed.body().contains("id=\"report-error-from\">must not be after &#39;to&#39;<"),
        reversed.body());

    HttpResponse<String> tooLong = lena.get("/time?scope=team:risk&from=2020-01-01&to=2026-03-01");
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("id=\"report-error-from\">a report spans at most three years"),
        tooLong.body());

    HttpResponse<String> grouping = lena.get("/time?scope=team:risk&groupBy=colour");
    assertEquals(400, grouping.statusCode());
    assertTrue(grouping.body().contains("id=\"report-error-groupBy\">must be one of project, user"),
        grouping.body());

    HttpResponse<String> oneRow = lena.get("/time?scope=project:" + scoring + "&groupBy=project");
    assertEquals(400, oneRow.statusCode());
    assertTrue(oneRow.body().contains("id=\"report-error-groupBy\">group by project needs a team as scope<"),
        oneRow.body());

    HttpResponse<String> scope = lena.get("/time?scope=galaxy:far");
    assertEquals(400, scope.statusCode());
    assertTrue(scope.body().contains("id=\"report-error-scope\">choose one of your projects or teams<"),
        scope.body());
  }

  @Test
  void theCsvDownloadAddsUpToThePageAndIsGuardedLikeIt() {
    PageClient lena = PageClient.signedIn(server, "lena");
    String page = lena.get("/time?scope=team:risk&groupBy=project").body();
    String link = csvLink(page);
    assertTrue(link.startsWith("/time/report.csv?scope=team:risk&"), link);
    HttpResponse<String> csv = lena.get(link);
    assertEquals(200, csv.statusCode(), csv::body);
    assertTrue(csv.headers().firstValue("content-type").orElseThrow().startsWith("text/csv"), csv.headers()::toString);
    String disposition = csv.headers().firstValue("content-disposition").orElseThrow();
    assertTrue(disposition.startsWith("attachment; filename=\"time-risk-project-"), disposition);
    String[] lines = csv.body().split("\r\n");
    assertEquals("project,label,hours,minutes,billable_hours,billable_minutes,entries", lines[0]);
    long minutes = 0;
    for (int i = 1; i < lines.length - 1; i++) {
      minutes += Long.parseLong(lines[i].split(",")[3]);
    }
    assertEquals(4, lines.length, csv.body());
    assertEquals(450, minutes, csv.body());
    assertTrue(lines[lines.length - 1].startsWith("total,Total,7.5,450,"), csv.body());
    assertEquals("7.5 h", total(page), "the page shows the same total");

    HttpResponse<String> anonymous = new PageClient(server.baseUrl()).get(link);
    assertEquals(303, anonymous.statusCode());
    assertTrue(anonymous.headers().firstValue("location").orElseThrow().startsWith("/login"),
        anonymous.headers()::toString);

    PageClient otto = PageClient.signedIn(server, "otto");
    assertEquals(404, otto.get(link).statusCode(), "another team's lead gets nothing of this team");
    assertEquals(404, otto.get("/time/report.csv?scope=project:" + scoring).statusCode());
    assertEquals(404, otto.get("/time?scope=team:risk").statusCode());
    assertEquals(400, lena.get("/time/report.csv").statusCode(), "a download names its scope");
  }

  private static String csvLink(String html) {
    Matcher m = CSV_LINK.matcher(html);
    assertTrue(m.find(), html);
    return m.group(1).replace("&amp;", "&");
  }
}
