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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The model version page: an engineer starts a review from it; the gate's per-segment regression shows
 * as a red bar in the server-drawn chart and a failed row; a comment with a script tag is shown as inert
 * text; replies nest; only those allowed see the start buttons; other teams get a 404; posts need CSRF.
 */
class ModelVersionPagesTest {

  static TestServer server;
  static Chromium browser;
  static ApiClient lena;   // lead
  static ApiClient sam;    // engineer
  static String projectId;
  static String baselineId;
  static String candidateId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lena = server.createUser("lena", "risk", List.of("lead"));
    sam = server.createUser("sam", "risk", List.of("engineer"));
    server.createUser("paula", "risk", List.of("product"));
    server.createUser("otto", "other", List.of("lead"));
    ApiResponse s = lena.put("/teams/risk/settings", new JsonObject().put("gate", new JsonObject()
        .put("maxSegmentRegression", new JsonObject().put("auc", 0.03))));
    assertEquals(200, s.status(), s::toString);
    projectId = PageFixtures.project(lena, "risk", "scoring");
    baselineId = PageFixtures.version(sam, projectId, "churn", "v1", 0.80, 0.80, 0.81, null);
    candidateId = PageFixtures.version(sam, projectId, "churn", "v2", 0.82, 0.70, 0.85, baselineId);
    browser = Chromium.start(server);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  static double attr(WebElement e, String name) {
    return Double.parseDouble(e.getDomAttribute(name));
  }

  @Test
  void aReviewStartedFromThePageShowsTheSegmentRegressionInTheChart() {
    browser.signIn("sam");
    browser.open("/model-versions/" + candidateId);
    browser.submit("start-review");
    assertEquals("Started the review.", browser.text("flash"));
    String wf = browser.driver.getCurrentUrl().replaceAll(".*/workflows/", "");
    JsonObject w = PageFixtures.awaitWorkflow(lena, wf, o -> !o.getString("status").equals("running"),
        "the gate to reject");
    assertEquals("rejected", w.getString("outcome"), w::encodePrettily);

    browser.open("/model-versions/" + candidateId);
    assertEquals("failed", browser.driver.findElement(By.cssSelector("#gate-verdict strong")).getText());
    WebElement euCandidate = browser.driver.findElement(
        By.cssSelector("#chart-auc rect[data-segment='eu'][data-series='candidate']"));
    WebElement euBaseline = browser.driver.findElement(
        By.cssSelector("#chart-auc rect[data-segment='eu'][data-series='baseline']"));
    WebElement usCandidate = browser.driver.findElement(
        By.cssSelector("#chart-auc rect[data-segment='us'][data-series='candidate']"));
    assertEquals("bar-failed", euCandidate.getDomAttribute("class"));
    assertEquals("bar-candidate", usCandidate.getDomAttribute("class"));
    assertEquals("0.7", euCandidate.getDomAttribute("data-value"));
    assertEquals(0.70 / 0.80, attr(euCandidate, "height") / attr(euBaseline, "height"), 0.01,
        "bars are drawn to scale");
    assertEquals(attr(euCandidate, "y") + attr(euCandidate, "height"), attr(euBaseline, "y")
        + attr(euBaseline, "height"), 0.01, "on one axis");
    assertEquals(6, browser.driver.findElements(By.cssSelector("#chart-auc rect[data-series]")).size(),
        "overall, eu and us, each candidate and baseline");
    assertTrue(browser.driver.findElement(By.cssSelector("#metrics-table tr[data-segment='eu']"))
        .getDomAttribute("class").contains("failed"));
    assertEquals(1, browser.driver.findElements(By.cssSelector("#workflows tr[data-workflow]")).size());
  }

  @Test
  void aScriptInACommentIsShownAsInertTextAndRepliesNest() {
    browser.signIn("paula");
    browser.open("/model-versions/" + baselineId);
    browser.byId("thread-title").sendKeys("Is EU fine?");
    browser.byId("thread-text").sendKeys("**looks** good <script>window.pwned = 1</script>\n\n<img src=x onerror=alert(1)>");
    browser.submit("start-thread");
    assertEquals("Discussion started.", browser.text("flash"));
    WebElement body = browser.driver.findElement(By.cssSelector(".comment .comment-body"));
    assertTrue(body.getText().contains("<script>window.pwned = 1</script>"), body.getText());
    assertTrue(body.findElements(By.tagName("script")).isEmpty());
    assertTrue(body.findElements(By.tagName("img")).isEmpty());
    assertEquals("looks", body.findElement(By.tagName("strong")).getText());
    assertEquals(null, ((JavascriptExecutor) browser.driver).executeScript("return window.pwned;"));

    WebElement first = browser.driver.findElement(By.cssSelector("article.comment"));
    first.findElement(By.tagName("summary")).click();
    first.findElement(By.tagName("textarea")).sendKeys("Yes, see the chart.");
    browser.submit(first.findElement(By.cssSelector("details button")));
    assertEquals("Comment posted.", browser.text("flash"));
    List<WebElement> replies = browser.driver.findElements(By.cssSelector("article.comment.reply"));
    assertEquals(1, replies.size());
    assertTrue(replies.get(0).getText().contains("Yes, see the chart."));
  }

  @Test
  void buttonsFollowPermissionsOtherTeamsGetA404AndPostsNeedTheCsrfToken() {
    PageClient paula = PageClient.signedIn(server, "paula");
    PageClient samPages = PageClient.signedIn(server, "sam");
    String page = paula.get("/model-versions/" + baselineId).body();
    assertFalse(page.contains("id=\"start-workflows\""), "product may not start workflows");
    assertTrue(page.contains("id=\"new-thread\""), "product may discuss");
    assertTrue(samPages.get("/model-versions/" + baselineId).body().contains("id=\"start-promotion\""));

    HttpResponse<String> noTitle = paula.post("/threads",
        Map.of("_csrf", paula.csrf(), "subject", "model-version:" + baselineId, "text", "untitled"));
    assertEquals(400, noTitle.statusCode());
    assertTrue(noTitle.body().contains("id=\"new-thread-error-title\""), noTitle.body());

    int before = lena.get("/threads?subject=model-version:" + baselineId).items().size();
    assertEquals(403, paula.post("/threads",
        Map.of("subject", "model-version:" + baselineId, "title", "no token", "text", "x")).statusCode());
    assertEquals(403, samPages.post("/model-versions/" + baselineId + "/workflows",
        Map.of("type", "review")).statusCode());
    assertEquals(before, lena.get("/threads?subject=model-version:" + baselineId).items().size());

    // A mention's link (/threads/{id}) opens the thread page, after signing in if need be.
    ApiResponse thread = lena.post("/threads?subject=model-version:" + candidateId,
        new JsonObject().put("title", "Ping").put("text", "@paula have a look"));
    assertEquals(201, thread.status(), thread::toString);
    String threadId = thread.json().getString("id");
    PageClient anonymous = new PageClient(server.baseUrl());
    HttpResponse<String> toLogin = anonymous.get("/threads/" + threadId);
    assertEquals("/login?next=%2Fthreads%2F" + threadId, toLogin.headers().firstValue("location").orElseThrow());
    HttpResponse<String> login = anonymous.get("/login?next=%2Fthreads%2F" + threadId);
    HttpResponse<String> signedIn = anonymous.post("/login", Map.of("username", "paula", "password",
        TestServer.PASSWORD, "_csrf", PageClient.csrf(login.body()), "next", "/threads/" + threadId));
    assertEquals("/threads/" + threadId, signedIn.headers().firstValue("location").orElseThrow());
    HttpResponse<String> threadPage = anonymous.get("/threads/" + threadId);
    assertEquals(200, threadPage.statusCode(), threadPage::body);
    assertTrue(threadPage.body().contains("id=\"subject-link\" href=\"/model-versions/" + candidateId + "\""),
        threadPage::body);
    PageClient evil = new PageClient(server.baseUrl());
    HttpResponse<String> evilLogin = evil.get("/login?next=//evil.example/x");
    assertFalse(evilLogin.body().contains("evil.example"), "no redirect to another site");

    PageClient otto = PageClient.signedIn(server, "otto");
    assertEquals(404, otto.get("/threads/" + threadId).statusCode());
    HttpResponse<String> foreign = otto.get("/model-versions/" + baselineId);
    assertEquals(404, foreign.statusCode());
    assertEquals(otto.get("/model-versions/000000000000000000000000").body(), foreign.body());
    assertEquals(404, otto.post("/threads",
        Map.of("_csrf", otto.csrf(), "subject", "model-version:" + baselineId, "title", "x")).statusCode());
  }
}
