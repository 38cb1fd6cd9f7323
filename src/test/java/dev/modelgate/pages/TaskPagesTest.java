package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The task page: a compliance officer decides a sign-off in the browser and the workflow moves on; the
 * submitter is told about separation of duties; a second decision is told the task is already decided;
 * people of other teams get the same 404 as for a task that does not exist; form posts need the CSRF token.
 */
class TaskPagesTest {

  static TestServer server;
  static Chromium browser;
  static ApiClient lena;  // lead
  static ApiClient sam;   // engineer and compliance: submits versions
  static ApiClient cora;  // compliance
  static String projectId;
  static String baselineId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lena = server.createUser("lena", "risk", List.of("lead"));
    sam = server.createUser("sam", "risk", List.of("engineer", "compliance"));
    cora = server.createUser("cora", "risk", List.of("compliance"));
    server.createUser("otto", "other", List.of("compliance"));
    projectId = PageFixtures.project(lena, "risk", "scoring");
    baselineId = PageFixtures.version(sam, projectId, "churn", "v1", 0.80, 0.80, 0.81, null);
    browser = Chromium.start(server);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  /** A sign-off of a new version of churn, and its open task. */
  static String[] signoffTask(String version) {
    String v = PageFixtures.version(sam, projectId, "churn", version, 0.82, 0.78, 0.85, baselineId);
    String wf = PageFixtures.startWorkflow(sam, v, "signoff");
    return new String[] {wf, PageFixtures.awaitTask(cora, wf, "officer-signoff"), v};
  }

  @Test
  void complianceOfficerDecidesInTheBrowserAndTheWorkflowAdvances() {
    String[] s = signoffTask("v2");
    browser.signIn("cora");
    browser.submit(browser.driver.findElement(By.cssSelector("tr[data-task='" + s[1] + "'] a.task-link")));
    assertTrue(browser.driver.getCurrentUrl().endsWith("/tasks/" + s[1]), browser.driver.getCurrentUrl());
    assertEquals("Compliance sign-off", browser.text("task-name"));
    assertEquals("open", browser.text("task-status"));
    // Evidence: the EU segment regressed against the baseline, shown next to it.
    var eu = browser.driver.findElement(By.cssSelector("#metrics-table tr[data-segment='eu'][data-metric='auc']"));
    assertEquals("0.78", eu.findElement(By.cssSelector(".candidate")).getText());
    assertEquals("0.8", eu.findElement(By.cssSelector(".baseline")).getText());
    assertEquals("/workflows/" + s[0], browser.byId("workflow-link").getDomAttribute("href"));

    browser.byId("decision-approve").click();
    browser.byId("comment").sendKeys("Evidence complete.");
    browser.submit("decide");
    assertEquals("Approved.", browser.text("flash"));
    assertEquals("decided", browser.text("task-status"));

    JsonObject w = PageFixtures.awaitWorkflow(lena, s[0], o -> !o.getString("status").equals("running"),
        "the sign-off to end");
    assertEquals("completed", w.getString("status"), w::encodePrettily);
    JsonObject approval = w.getJsonArray("approvals").getJsonObject(0);
    assertEquals("cora", approval.getString("decidedBy"));
    assertEquals("approve", approval.getString("decision"));
    assertEquals("Evidence complete.", approval.getString("comment"));
    // The flash is shown once.
    browser.open("/tasks/" + s[1]);
    assertTrue(browser.driver.findElements(By.id("flash")).isEmpty());
  }

  @Test
  void theSubmitterSeesTheSeparationOfDutiesMessageAndNothingChanges() {
    String[] s = signoffTask("v3");
    browser.signIn("sam");
    browser.open("/tasks/" + s[1]);
    browser.byId("decision-approve").click();
    browser.submit("decide");
    String message = browser.text("decision-error");
    assertTrue(message.startsWith("separation of duties"), message);
    assertEquals("open", browser.text("task-status"));
    assertEquals("open", sam.get("/tasks/" + s[1]).json().getString("status"));
  }

  @Test
  void aDecidedTaskSaysSoAndAMissingCommentIsShownAtItsField() {
    String[] s = signoffTask("v4");
    PageClient c = PageClient.signedIn(server, "cora");
    String csrf = c.csrf();
    HttpResponse<String> noComment = c.post("/tasks/" + s[1] + "/decision",
        Map.of("_csrf", csrf, "decision", "reject"));
    assertEquals(400, noComment.statusCode());
    assertTrue(noComment.body().contains("id=\"error-comment\""), noComment.body());
    assertEquals("open", cora.get("/tasks/" + s[1]).json().getString("status"));

    HttpResponse<String> rejected = c.post("/tasks/" + s[1] + "/decision",
        Map.of("_csrf", csrf, "decision", "reject", "comment", "Model card missing."));
    assertEquals(303, rejected.statusCode(), rejected::body);
    HttpResponse<String> again = c.post("/tasks/" + s[1] + "/decision",
        Map.of("_csrf", csrf, "decision", "approve"));
    assertEquals(409, again.statusCode());
    assertTrue(again.body().contains("task is already decided (by cora)"), again.body());
  }

  @Test
  void otherTeamsGetTheSame404AsForAMissingTask() {
    String[] s = signoffTask("v5");
    PageClient otto = PageClient.signedIn(server, "otto");
    HttpResponse<String> foreign = otto.get("/tasks/" + s[1]);
    HttpResponse<String> missing = otto.get("/tasks/000000000000000000000000");
    assertEquals(404, foreign.statusCode());
    assertEquals(404, missing.statusCode());
    assertFalse(foreign.body().contains("churn"), "nothing about the task leaks");
    assertEquals(missing.body(), foreign.body());
    HttpResponse<String> post = otto.post("/tasks/" + s[1] + "/decision",
        Map.of("_csrf", otto.csrf(), "decision", "approve"));
    assertEquals(404, post.statusCode());
    assertEquals("open", cora.get("/tasks/" + s[1]).json().getString("status"));
  }

  @Test
  void formPostsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
    String[] s = signoffTask("v6");
    PageClient c = PageClient.signedIn(server, "cora");
    assertEquals(403, c.post("/tasks/" + s[1] + "/decision", Map.of("decision", "approve")).statusCode());
    assertEquals(403, c.post("/tasks/" + s[1] + "/claim", Map.of("_csrf", "forged")).statusCode());
    JsonObject t = cora.get("/tasks/" + s[1]).json();
    assertEquals("open", t.getString("status"));
    assertEquals(null, t.getString("assignee"));
    assertEquals(303, c.post("/tasks/" + s[1] + "/claim", Map.of("_csrf", c.csrf())).statusCode());
    assertEquals("cora", cora.get("/tasks/" + s[1]).json().getString("assignee"));
  }

  @Test
  void pagesNeedASignInAndComeBackAfterIt() {
    HttpResponse<String> r = new PageClient(server.baseUrl()).get("/tasks");
    assertEquals(303, r.statusCode());
    assertEquals("/login?next=%2Ftasks", r.headers().firstValue("location").orElseThrow());
  }
}
