package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Live notifications in the pages: the unread badge of the navigation and the notifications list update
 * while the page is open (through the SSE stream, without a reload), server text stays text, the mark-read
 * forms work without script (CSRF-checked), and a mention's link leads to the thread's subject for members only.
 */
class NotificationPagesTest {

  static TestServer server;
  static Chromium browser;
  static ApiClient bob;   // engineer: writes the mentions
  static ApiClient carl;  // engineer: the plain-HTTP reader
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("ml");
    server.createTeam("other");
    server.createUser("ann", "ml", List.of("engineer"));
    bob = server.createUser("bob", "ml", List.of("engineer"));
    carl = server.createUser("carl", "ml", List.of("engineer"));
    server.createUser("otto", "other", List.of("engineer"));
    projectId = PageFixtures.project(server.admin(), "ml", "churn");
    browser = Chromium.start(server);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  /** Bob opens a thread titled {@code title} on the project and mentions {@code user}; returns the thread id. */
  static String mention(String user, String title) {
    ApiResponse t = bob.post("/threads?subject=project:" + projectId, new JsonObject().put("title", title));
    assertEquals(201, t.status(), t::toString);
    String thread = t.json().getString("id");
    ApiResponse c = bob.post("/threads/" + thread + "/comments", new JsonObject().put("text", "@" + user + " look"));
    assertEquals(201, c.status(), c::toString);
    return thread;
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier done) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(15)).withMessage(what).until(d -> done.getAsBoolean());
  }

  private static String badge() {
    return browser.text("unread-count");
  }

  @Test
  void theBadgeAndTheListUpdateWhileThePageIsOpen() {
    browser.signIn("ann");
    assertEquals("0", badge());
    waitFor("the stream to open", () -> "open".equals(browser.byId("unread-count").getDomAttribute("data-stream")));

    // On the dashboard: a mention arrives and the badge counts it, no reload.
    mention("ann", "Drift in EU");
    waitFor("the badge to count the mention", () -> badge().equals("1"));
    assertTrue(browser.driver.getCurrentUrl().endsWith("/dashboard"));

    // On the notifications page: the next one is prepended to the list, as text.
    browser.submit("nav-notifications");
    assertEquals(1, browser.driver.findElements(By.cssSelector("#notification-list li.unread")).size());
    waitFor("the stream to open", () -> "open".equals(browser.byId("unread-count").getDomAttribute("data-stream")));
    String hostile = "<img src=x id=injected> & <b>bold</b>";
    String thread = mention("ann", hostile);
    waitFor("the list to show the new mention", () -> browser.driver.findElements(
        By.cssSelector("#notification-list li")).size() == 2);
    assertEquals("2", badge());
    WebElement first = browser.driver.findElement(By.cssSelector("#notification-list li:first-child"));
    assertTrue(first.getDomAttribute("class").contains("unread"), first.getDomAttribute("class"));
    WebElement link = first.findElement(By.cssSelector("a.subject"));
    assertEquals("bob mentioned you in \u201c" + hostile + "\u201d", link.getText());
    assertTrue(link.getDomAttribute("href").startsWith("/threads/" + thread + "#comment-"),
        link.getDomAttribute("href"));
    assertTrue(browser.driver.findElements(By.id("injected")).isEmpty(), "server text is never parsed as HTML");
    assertTrue(browser.driver.findElements(By.cssSelector("#notification-list b")).isEmpty());

    // The live item's "mark read" form (built by the script) posts with the session's CSRF token.
    browser.submit(first.findElement(By.cssSelector("form.mark-read button")));
    assertEquals("Marked read.", browser.text("flash"));
    assertEquals("1", badge());
    assertEquals(1, browser.driver.findElements(By.cssSelector("#notification-list li.unread")).size());
    assertEquals(1, browser.driver.findElements(By.cssSelector("#notification-list li.read")).size());

    browser.submit("mark-all-read");
    assertEquals("0", badge());
    assertTrue(browser.driver.findElements(By.cssSelector("#notification-list li.unread")).isEmpty());
    JsonObject api = server.as("ann").get("/notifications").json();
    assertEquals(0, api.getInteger("unreadCount"), api::encodePrettily);
  }

  @Test
  void markReadWorksWithoutScriptAndNeedsTheCsrfToken() {
    mention("carl", "Gate thresholds");
    JsonObject before = carl.get("/notifications").json();
    String id = before.getJsonArray("items").getJsonObject(0).getString("id");
    long unread = before.getLong("unreadCount");
    assertTrue(unread >= 1);

    PageClient page = PageClient.signedIn(server, "carl");
    HttpResponse<String> list = page.get("/notifications");
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("class=\"notification unread\" data-id=\"" + id + "\""), list.body());
    assertTrue(java.util.regex.Pattern.compile("id=\"unread-count\"[^>]*data-latest=\"" + id + "\"[^>]*>" + unread
        + "</span>").matcher(list.body()).find(), list.body());
    assertTrue(list.body().contains("<script src=\"/static/notifications.js\" defer></script>"));
    String csrf = PageClient.csrf(list.body());

    HttpResponse<String> forged = page.post("/notifications/" + id + "/read", Map.of("page", ""));
    assertEquals(403, forged.statusCode());
    assertEquals(unread, carl.get("/notifications").json().getLong("unreadCount"), "a forged form changes nothing");

    HttpResponse<String> read = page.post("/notifications/" + id + "/read", Map.of("_csrf", csrf, "page", ""));
    assertEquals(303, read.statusCode(), read::body);
    assertEquals("/notifications", read.headers().firstValue("location").orElseThrow());
    JsonObject after = carl.get("/notifications").json();
    assertEquals(unread - 1, after.getLong("unreadCount"));
    assertTrue(after.getJsonArray("items").getJsonObject(0).getBoolean("read"));
    HttpResponse<String> shown = page.get("/notifications");
    assertTrue(shown.body().contains("Marked read."), shown.body());
    assertTrue(shown.body().contains("class=\"notification read\" data-id=\"" + id + "\""), shown.body());

    assertEquals(404, page.post("/notifications/999999/read", Map.of("_csrf", csrf)).statusCode());
    assertEquals(404, page.post("/notifications/x/read", Map.of("_csrf", csrf)).statusCode());
    assertEquals(404, page.get("/notifications?after=999").statusCode());

    mention("carl", "Another one");
    assertEquals(303, page.post("/notifications/read-all", Map.of("_csrf", csrf)).statusCode());
    assertEquals(0, carl.get("/notifications").json().getLong("unreadCount"));
  }

  @Test
  void thePagesTogetherShowEveryNotificationOnceNewestFirst() {
    String thread = mention("carl", "Many mentions");
    for (int i = 0; i < 55; i++) {
      ApiResponse c = bob.post("/threads/" + thread + "/comments", new JsonObject().put("text", "@carl #" + i));
      assertEquals(201, c.status(), c::toString);
    }
    long latest = Long.parseLong(carl.get("/notifications").json().getString("latestId"));
    PageClient page = PageClient.signedIn(server, "carl");
    java.util.List<Long> shown = new java.util.ArrayList<>();
    String path = "/notifications";
    int pages = 0;
    while (path != null) {
      HttpResponse<String> r = page.get(path);
      assertEquals(200, r.statusCode(), r::body);
      java.util.regex.Matcher ids = java.util.regex.Pattern.compile("data-id=\"([0-9]+)\"").matcher(r.body());
      while (ids.find()) {
        shown.add(Long.parseLong(ids.group(1)));
      }
      java.util.regex.Matcher older = java.util.regex.Pattern.compile("id=\"older\" href=\"([^\"]+)\"")
          .matcher(r.body());
      path = older.find() ? older.group(1).replace("&amp;", "&") : null;
      pages++;
    }
    java.util.List<Long> expected = java.util.stream.LongStream.iterate(latest, i -> i >= 1, i -> i - 1).boxed()
        .toList();
    assertEquals(expected, shown, "newest first, each once, none missing (" + pages + " pages)");
    // An older page (the store keeps 50 a bucket; the newest page also takes the bucket before a short one).
    HttpResponse<String> older = page.get("/notifications?after=0");
    assertEquals(200, older.statusCode());
    java.util.regex.Matcher ids = java.util.regex.Pattern.compile("data-id=\"([0-9]+)\"").matcher(older.body());
    java.util.List<Long> oldest = new java.util.ArrayList<>();
    while (ids.find()) {
      oldest.add(Long.parseLong(ids.group(1)));
    }
    assertEquals(java.util.stream.LongStream.iterate(50, i -> i >= 1, i -> i - 1).boxed().toList(), oldest);
    assertTrue(older.body().contains("data-live=\"false\""), "live arrivals go only to the newest page");
  }

  @Test
  void aMentionLinkOpensTheThreadForMembersAndTheSame404AsNothingForOthers() {
    String thread = mention("carl", "Where does this go");
    PageClient member = PageClient.signedIn(server, "carl");
    HttpResponse<String> r = member.get("/threads/" + thread);
    assertEquals(200, r.statusCode(), r::body);
    assertTrue(r.body().contains("id=\"thread-heading\">Where does this go<"), r::body);
    assertTrue(r.body().contains("id=\"subject-link\" href=\"/projects/" + projectId + "\""), r::body);

    PageClient outsider = PageClient.signedIn(server, "otto");
    HttpResponse<String> hidden = outsider.get("/threads/" + thread);
    HttpResponse<String> missing = outsider.get("/threads/0123456789abcdef01234567");
    assertEquals(404, hidden.statusCode());
    assertEquals(404, missing.statusCode());
    assertEquals(missing.body(), hidden.body());
  }

  @Test
  void theScriptIsServedFromThisSiteUnderTheStrictPolicy() {
    HttpResponse<String> js = new PageClient(server.baseUrl()).get("/static/notifications.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("content-type").orElse("").contains("javascript"), js.headers()::toString);
    assertFalse(js.body().contains("innerHTML"), "the script never parses server data as HTML");
    HttpResponse<String> page = PageClient.signedIn(server, "carl").get("/notifications");
    String csp = page.headers().firstValue("content-security-policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertFalse(page.body().contains("<script>"), "no inline script");
  }

  /**
   * What the page's script relies on: a stream opened with the page's latest id ({@code ?lastEventId=}) gets
   * what arrived after the page was rendered, and on a reconnect the browser's {@code Last-Event-ID} header
   * wins over that query, so nothing is delivered twice.
   */
  @Test
  void theStreamContinuesAfterThePagesLatestIdAndAReconnectDoesNotReplay() throws Exception {
    long rendered = Long.parseLong(carl.get("/notifications").json().getString("latestId"));
    mention("carl", "Arrived before the stream opened");
    assertEquals(Long.toString(rendered + 1), firstEventId(rendered, null));
    mention("carl", "Arrived while reconnecting");
    assertEquals(Long.toString(rendered + 2), firstEventId(rendered, Long.toString(rendered + 1)));
  }

  /** The id of the first notification event of a stream opened like the page's script does. */
  private static String firstEventId(long queryAfter, String lastEventIdHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/api/v1/notifications/stream?lastEventId=" + queryAfter))
        .header("Authorization", carl.authorization()).header("Accept", "text/event-stream");
    if (lastEventIdHeader != null) {
      b.header("Last-Event-ID", lastEventIdHeader);
    }
    HttpResponse<InputStream> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    CompletableFuture<String> id = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("id:")) {
            return line.substring(3).trim();
          }
        }
        return null;
      } catch (java.io.IOException e) {
        return null;
      }
    });
    try {
      String found = id.get(15, TimeUnit.SECONDS);
      assertNotNull(found, "the stream ended without an event");
      return found;
    } finally {
      r.body().close();
    }
  }
}
