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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The workflow page: the BPMN diagram from the model's DI with the element the workflow waits in
 * highlighted (a user task, a message catch event, a call activity for a step of a called process);
 * engineers send the awaited message and leads cancel from the page; others see no such buttons; people
 * of other teams get a 404.
 */
class WorkflowPagesTest {

  static TestServer server;
  static Chromium browser;
  static ApiClient lena;   // lead
  static ApiClient sam;    // engineer, submits
  static ApiClient pete;   // engineer, peer reviewer
  static ApiClient paula;  // product
  static ApiClient cora;   // compliance
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lena = server.createUser("lena", "risk", List.of("lead"));
    sam = server.createUser("sam", "risk", List.of("engineer"));
    pete = server.createUser("pete", "risk", List.of("engineer"));
    paula = server.createUser("paula", "risk", List.of("product"));
    cora = server.createUser("cora", "risk", List.of("compliance"));
    server.createUser("otto", "other", List.of("lead"));
    projectId = PageFixtures.project(lena, "risk", "scoring");
    browser = Chromium.start(server);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  static List<String> highlighted() {
    return browser.driver.findElements(By.cssSelector("#diagram g.element[data-current='true']")).stream()
        .map(e -> e.getDomAttribute("data-element")).toList();
  }

  static void decide(ApiClient who, String workflowId, String element) {
    String task = PageFixtures.awaitTask(who, workflowId, element);
    ApiResponse r = who.post("/tasks/" + task + "/decision", new JsonObject().put("decision", "approve"));
    assertEquals(201, r.status(), r::toString);
  }

  static boolean waitsFor(JsonObject w, String element) {
    return w.getJsonArray("currentSteps").stream().anyMatch(s -> ((JsonObject) s).getString("elementId")
        .equals(element));
  }

  @Test
  void aPromotionIsFollowedOnTheDiagramAndMovedOnFromThePage() {
    String v = PageFixtures.version(sam, projectId, "churn", "v1", 0.82, 0.8, 0.81, null);
    String wf = PageFixtures.startWorkflow(sam, v, "promotion");
    PageFixtures.awaitTask(pete, wf, "peer-review");

    // Reviews run in a called process: the call activity is what the promotion waits in.
    browser.signIn("paula");
    browser.open("/workflows/" + wf);
    assertEquals("model-promotion", browser.byId("diagram").getDomAttribute("data-process"));
    assertEquals(List.of("review"), highlighted());
    WebElement review = browser.driver.findElement(By.cssSelector("#diagram g[data-element='review'] rect"));
    assertTrue(review.getDomAttribute("class").contains("current"), review.getDomAttribute("class"));
    assertTrue(browser.driver.findElements(By.id("workflow-actions")).isEmpty(), "product may not send or cancel");

    decide(pete, wf, "peer-review");
    decide(paula, wf, "product-review");
    decide(cora, wf, "officer-signoff");
    PageFixtures.awaitWorkflow(lena, wf, w -> waitsFor(w, "deployment-finished"), "the deployment wait");

    // The message catch event is highlighted; an engineer reports the deployment from the page.
    browser.signIn("sam");
    browser.open("/workflows/" + wf);
    assertEquals(List.of("deployment-finished"), highlighted());
    assertTrue(browser.driver.findElements(By.id("cancel-form")).isEmpty(), "only leads cancel");
    browser.submit("send-deployment-finished");
    assertEquals("Sent 'deployment-finished'.", browser.text("flash"));
    PageFixtures.awaitWorkflow(lena, wf, w -> waitsFor(w, "canary-metrics-reported"), "the canary wait");
    browser.open("/workflows/" + wf);
    assertEquals(List.of("canary-metrics-reported"), highlighted());

    // A malformed metrics line is shown at its field, and nothing is sent.
    browser.byId("metrics").sendKeys("auc: 0.8");
    browser.submit("send-canary-metrics-reported");
    assertTrue(browser.text("error-metrics").contains("write name=value"), browser.text("error-metrics"));
    assertTrue(waitsFor(lena.get("/workflows/" + wf).json(), "canary-metrics-reported"));

    // The lead cancels it.
    browser.signIn("lena");
    browser.open("/workflows/" + wf);
    browser.submit("cancel");
    assertEquals("Workflow canceled.", browser.text("flash"));
    assertEquals("canceled", browser.text("workflow-status"));
    assertEquals("canceled", lena.get("/workflows/" + wf).json().getString("status"));
    assertTrue(highlighted().isEmpty(), "a finished workflow waits nowhere");
    assertEquals(3, browser.driver.findElements(By.cssSelector("#approvals tr[data-approval]")).size());
  }

  @Test
  void aSignOffHighlightsItsUserTaskAndOtherTeamsGetA404() {
    String v = PageFixtures.version(sam, projectId, "fraud", "v1", 0.82, 0.8, 0.81, null);
    String wf = PageFixtures.startWorkflow(sam, v, "signoff");
    PageFixtures.awaitTask(cora, wf, "officer-signoff");
    PageClient c = PageClient.signedIn(server, "cora");
    HttpResponse<String> page = c.get("/workflows/" + wf);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("data-element=\"officer-signoff\" data-type=\"userTask\" data-current=\"true\""),
        page.body());
    assertFalse(page.body().contains("data-element=\"collect-evidence\" data-type=\"serviceTask\" "
        + "data-current=\"true\""));

    PageClient otto = PageClient.signedIn(server, "otto");
    HttpResponse<String> foreign = otto.get("/workflows/" + wf);
    assertEquals(404, foreign.statusCode());
    assertEquals(otto.get("/workflows/000000000000000000000000").body(), foreign.body());
    assertEquals(404, otto.post("/workflows/" + wf + "/cancel", Map.of("_csrf", otto.csrf())).statusCode());
    assertEquals(403, c.post("/workflows/" + wf + "/cancel", Map.of()).statusCode(), "no CSRF token");
    assertEquals("running", lena.get("/workflows/" + wf).json().getString("status"));
  }
}
