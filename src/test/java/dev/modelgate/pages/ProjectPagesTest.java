package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project page over plain HTTP (no browser needed): versions in pages of 20, running workflows, time
 * spent by activity, cost–benefit, maturity; the dashboard links to it; other teams get a 404.
 */
class ProjectPagesTest {

  static final Pattern VERSION_ROW = Pattern.compile("data-version=\"([0-9a-f]{24})\"");
  static TestServer server;
  static ApiClient lena;
  static ApiClient sam;
  static String projectId;
  static String workflowId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lena = server.createUser("lena", "risk", List.of("lead"));
    sam = server.createUser("sam", "risk", List.of("engineer"));
    server.createUser("otto", "other", List.of("lead"));
    projectId = PageFixtures.project(lena, "risk", "scoring");
    String first = null;
    for (int i = 1; i <= 21; i++) {
      String v = PageFixtures.version(sam, projectId, "churn", "v" + i, 0.8, 0.8, 0.8, null);
      first = first == null ? v : first;
    }
    workflowId = PageFixtures.startWorkflow(sam, first, "review");
    ApiResponse t = sam.post("/projects/" + projectId + "/time-entries", new JsonObject().put("duration", "1h30m")
        .put("activity", "validation"));
    assertEquals(201, t.status(), t::toString);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> versionRows(String html) {
    Matcher m = VERSION_ROW.matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void versionsArePagedAndTheOtherPartsAreShown() {
    PageClient c = PageClient.signedIn(server, "sam");
    String dashboard = c.get("/dashboard").body();
    assertTrue(dashboard.contains("href=\"/projects/" + projectId + "\""), "dashboard links here");
    assertTrue(dashboard.contains("data-workflow=\"" + workflowId + "\""), "the running review is on the dashboard");
    assertFalse(PageClient.signedIn(server, "otto").get("/dashboard").body().contains(workflowId),
        "another team's dashboard does not show it");
    HttpResponse<String> page = c.get("/projects/" + projectId);
    assertEquals(200, page.statusCode(), page::body);
    String html = page.body();
    List<String> firstPage = versionRows(html);
    assertEquals(20, firstPage.size());
    Matcher next = Pattern.compile("id=\"next-versions\" href=\"([^\"]+)\"").matcher(html);
    assertTrue(next.find(), html);
    List<String> secondPage = versionRows(c.get(next.group(1).replace("&amp;", "&")).body());
    assertEquals(1, secondPage.size());
    assertFalse(firstPage.contains(secondPage.get(0)));

    assertTrue(html.contains("data-workflow=\"" + workflowId + "\""), "the running review is listed");
    assertTrue(html.contains("data-activity=\"validation\""), html);
    assertTrue(html.contains("id=\"time-total\">1.5 h<"), html);
    assertTrue(html.contains("id=\"expected-benefit\">10,000.00 per month<"), html);
    assertTrue(html.contains("id=\"no-maturity\""), html);
  }

  @Test
  void aRunUriThatIsNotAWebLinkIsShownAsText() {
    String lineageProject = PageFixtures.project(lena, "risk", "lineage");
    ApiResponse r = sam.post("/projects/" + lineageProject + "/model-versions", new JsonObject().put("model", "churn")
        .put("version", "evil").put("metrics", new JsonObject().put("auc", 0.8))
        .put("lineage", new JsonObject().put("runId", "run-evil").put("runUri", "javascript:alert(1)")));
    assertEquals(201, r.status(), r::toString);
    String html = PageClient.signedIn(server, "sam").get("/model-versions/" + r.json().getString("id")).body();
    assertTrue(html.contains("run-evil"), html);
    assertFalse(html.contains("javascript:"), "no javascript: link");
  }

  @Test
  void otherTeamsGetA404() {
    PageClient otto = PageClient.signedIn(server, "otto");
    HttpResponse<String> foreign = otto.get("/projects/" + projectId);
    assertEquals(404, foreign.statusCode());
    assertEquals(otto.get("/projects/000000000000000000000000").body(), foreign.body());
    assertFalse(otto.get("/dashboard").body().contains(projectId));
  }
}
