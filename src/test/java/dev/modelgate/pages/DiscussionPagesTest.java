package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discussions in the pages over plain HTTP: the shared section on the project and workflow pages (forms
 * posted to /threads, sanitized bodies), who sees it and its forms, the thread page paging through every
 * comment, and edit (with history), delete (tombstone), hide/unhide — each refused for those the
 * discussion rules refuse, changing nothing.
 */
class DiscussionPagesTest {

  static TestServer server;
  static ApiClient lena;   // lead
  static ApiClient paula;  // product
  static ApiClient sam;    // engineer
  static String projectId;
  static String workflowId;
  static PageClient lenaPages;
  static PageClient paulaPages;
  static PageClient samPages;
  static PageClient vicPages;   // viewer
  static PageClient ottoPages;  // lead of another team

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lena = server.createUser("lena", "risk", List.of("lead"));
    paula = server.createUser("paula", "risk", List.of("product"));
    sam = server.createUser("sam", "risk", List.of("engineer"));
    server.createUser("vic", "risk", List.of("viewer"));
    server.createUser("otto", "other", List.of("lead"));
    projectId = PageFixtures.project(lena, "risk", "scoring");
    String version = PageFixtures.version(sam, projectId, "churn", "v1", 0.8, 0.8, 0.8, null);
    workflowId = PageFixtures.startWorkflow(sam, version, "review");
    lenaPages = PageClient.signedIn(server, "lena");
    paulaPages = PageClient.signedIn(server, "paula");
    samPages = PageClient.signedIn(server, "sam");
    vicPages = PageClient.signedIn(server, "vic");
    ottoPages = PageClient.signedIn(server, "otto");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // --- helpers ------------------------------------------------------------------------------------------

  static String location(HttpResponse<String> r) {
    assertEquals(303, r.statusCode(), r::body);
    return r.headers().firstValue("location").orElseThrow();
  }

  /** Starts a thread from a subject page's form; returns the thread id from the redirect. */
  static String startThread(PageClient who, String subject, String subjectPath, String title, String text) {
    String to = location(who.post("/threads", Map.of("_csrf", who.csrf(), "subject", subject, "title", title,
        "text", text)));
    assertTrue(to.startsWith(subjectPath + "#thread-"), to);
    return to.substring(to.indexOf("#thread-") + "#thread-".length());
  }

  /** Posts a comment from the thread page; returns the comment id from the redirect's anchor. */
  static String comment(PageClient who, String thread, String text) {
    String to = location(who.post("/threads/" + thread + "/comments", Map.of("_csrf", who.csrf(), "text", text,
        "from", "thread")));
    assertTrue(to.startsWith("/threads/" + thread), to);
    return to.substring(to.indexOf("#comment-") + "#comment-".length());
  }

  static List<String> commentIds(String html, String thread) {
    Matcher m = Pattern.compile("<article class=\"comment[^\"]*\"\\s+id=\"comment-(" + thread + "-[0-9]+)\"")
        .matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String threadPage(PageClient who, String thread) {
    HttpResponse<String> r = who.get("/threads/" + thread);
    assertEquals(200, r.statusCode(), r::body);
    return r.body();
  }

  static JsonObject apiComment(String thread, String commentId) {
    ApiResponse r = lena.get("/threads/" + thread);
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("comments").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("id").equals(commentId)).findFirst().orElseThrow();
  }

  // --- the section on the subject pages -----------------------------------------------------------------

  @Test
  void aCommentPostedOnTheProjectPageIsShownThereSanitized() {
    String page = paulaPages.get("/projects/" + projectId).body();
    assertTrue(page.contains("name=\"subject\" value=\"project:" + projectId + "\""), page);
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "Budget",
        "**costly** <script>window.pwned = 1</script>");
    String to = location(paulaPages.post("/threads/" + thread + "/comments", Map.of("_csrf", paulaPages.csrf(),
        "text", "second _thought_")));
    assertEquals("/projects/" + projectId + "#thread-" + thread, to);

    String html = paulaPages.get("/projects/" + projectId).body();
    assertTrue(html.contains("id=\"thread-" + thread + "\""), html);
    assertTrue(html.contains("<strong>costly</strong>"), html);
    assertTrue(html.contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;"), "the script is text: " + html);
    assertFalse(html.contains("<script>window.pwned"), html);
    assertTrue(html.contains("<em>thought</em>"), html);
    assertEquals(2, commentIds(html, thread).size(), html);
    assertTrue(html.contains("id=\"open-" + thread + "\" href=\"/threads/" + thread + "\""), "links the thread page");
  }

  @Test
  void aCommentPostedOnTheWorkflowPageIsShownThere() {
    String thread = startThread(samPages, "workflow:" + workflowId, "/workflows/" + workflowId, "Gate result",
        "Why did the <b>gate</b> fail?");
    HttpResponse<String> page = samPages.get("/workflows/" + workflowId);
    assertEquals(200, page.statusCode(), page::body);
    assertTrue(page.body().contains("id=\"thread-" + thread + "\""), page::body);
    assertTrue(page.body().contains("Why did the &lt;b&gt;gate&lt;/b&gt; fail?"), page::body);
    ApiResponse api = lena.get("/threads/" + thread);
    assertEquals("risk", api.json().getString("team"), "the thread belongs to the workflow's team");
    assertEquals("workflow:" + workflowId, api.json().getJsonObject("subject").getString("key"));
  }

  @Test
  void aWorkflowThreadThroughTheApiBelongsToTheWorkflowsTeamWhateverTheCallerNames() {
    ApiClient otto = server.as("otto");
    String subject = "subject=workflow:" + workflowId;
    int before = lena.get("/threads?" + subject).json().getJsonArray("items").size();
    // Another team's lead naming their own team: the workflow is risk's, so otto may not start a thread on it.
    ApiResponse foreign = otto.post("/threads?" + subject + "&team=other", new JsonObject().put("title", "ours now")
        .put("team", "other"));
    assertTrue(foreign.status() == 403 || foreign.status() == 404, foreign::toString);
    assertEquals(404, otto.post("/threads?subject=workflow:0123456789abcdef01234567",
        new JsonObject().put("title", "nothing there").put("team", "other")).status());
    // A member naming another team still gets a thread in the workflow's team.
    ApiResponse own = sam.post("/threads?" + subject + "&team=other", new JsonObject().put("title", "gate"));
    assertEquals(201, own.status(), own::toString);
    assertEquals("risk", own.json().getString("team"));
    assertEquals(before + 1, lena.get("/threads?" + subject).json().getJsonArray("items").size());
  }

  @Test
  void aRefusedFormComesBackWithTheMessageAtItsField() {
    HttpResponse<String> r = samPages.post("/threads", Map.of("_csrf", samPages.csrf(), "subject",
        "workflow:" + workflowId, "text", "no title"));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("id=\"new-thread-error-title\""), r::body);
    assertTrue(r.body().contains("id=\"workflow-type\""), "the workflow page again");
    assertTrue(r.body().contains(">no title</textarea>"), "what was typed is kept");
  }

  @Test
  void aFormWithAControlCharacterIsRefusedAtItsFieldAndStoresNothing() {
    int before = sam.get("/threads?subject=project:" + projectId).json().getJsonArray("items").size();
    HttpResponse<String> r = samPages.post("/threads", Map.of("_csrf", samPages.csrf(), "subject",
        "project:" + projectId, "title", "ring the bell\u0007 now", "text", "hello"));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("id=\"new-thread-error-title\""), r::body);
    assertTrue(r.body().contains("control characters"), r::body);
    assertEquals(before, sam.get("/threads?subject=project:" + projectId).json().getJsonArray("items").size());
  }

  @Test
  void aFormWhoseTextIsNotUtf8OrNotUrlEncodedIsRefusedAndStoresNothing() {
    int before = sam.get("/threads?subject=project:" + projectId).json().getJsonArray("items").size();
    String fields = "_csrf=" + samPages.csrf() + "&subject=project:" + projectId + "&text=hello&title=";
    // A surrogate written as UTF-8 bytes, a lone byte: a lenient decoder stores U+FFFD in their place.
    HttpResponse<String> surrogate = samPages.postRaw("/threads", fields + "a%ED%A0%80b",
        "application/x-www-form-urlencoded");
    assertEquals(400, surrogate.statusCode(), surrogate::body);
    assertEquals(400, samPages.postRaw("/threads", fields + "caf%E9", "application/x-www-form-urlencoded")
        .statusCode());
    String boundary = "b0undary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
        + samPages.csrf() + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\n"
        + "project:" + projectId + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
        + "multipart\r\n--" + boundary + "--\r\n";
    assertEquals(415, samPages.postRaw("/threads", multipart, "multipart/form-data; boundary=" + boundary)
        .statusCode(), "the pages post url-encoded forms only");
    assertEquals(before, sam.get("/threads?subject=project:" + projectId).json().getJsonArray("items").size());
    HttpResponse<String> fine = samPages.postRaw("/threads", fields + "caf%C3%A9",
        "application/x-www-form-urlencoded");
    assertEquals(303, fine.statusCode(), fine::body);
  }

  @Test
  void anotherTeamsLeadGetsA404AndChangesNothing() {
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "Ours", "internal");
    HttpResponse<String> foreign = ottoPages.get("/threads/" + thread);
    assertEquals(404, foreign.statusCode());
    assertEquals(ottoPages.get("/threads/0123456789abcdef01234567").body(), foreign.body());
    String csrf = ottoPages.csrf();
    assertEquals(404, ottoPages.post("/threads", Map.of("_csrf", csrf, "subject", "project:" + projectId,
        "title", "x")).statusCode());
    assertEquals(404, ottoPages.post("/threads/" + thread + "/comments", Map.of("_csrf", csrf, "text", "x"))
        .statusCode());
    assertEquals(404, ottoPages.post("/comments/" + thread + "-1/hide", Map.of("_csrf", csrf)).statusCode());
    assertEquals(1, lena.get("/threads/" + thread).json().getLong("commentCount"));
    assertFalse(lena.get("/threads/" + thread).json().getJsonArray("comments").getJsonObject(0)
        .getBoolean("hidden"));
  }

  @Test
  void aViewerReadsTheDiscussionButGetsNoFormsAndIsRefused() {
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "For all",
        "visible to viewers");
    String page = vicPages.get("/projects/" + projectId).body();
    assertTrue(page.contains("visible to viewers"), page);
    assertFalse(page.contains("id=\"new-thread\""), "no new-thread form");
    assertFalse(page.contains("class=\"comment-form\""), "no comment form");
    assertFalse(page.contains("<summary>Reply</summary>"), "no reply form");
    String threadHtml = threadPage(vicPages, thread);
    assertTrue(threadHtml.contains("visible to viewers"));
    assertFalse(threadHtml.contains("class=\"comment-form\""), threadHtml);

    int threadsBefore = lena.get("/threads?subject=project:" + projectId).items().size();
    String csrf = vicPages.csrf();
    assertEquals(403, vicPages.post("/threads", Map.of("_csrf", csrf, "subject", "project:" + projectId,
        "title", "mine")).statusCode());
    assertEquals(403, vicPages.post("/threads/" + thread + "/comments", Map.of("_csrf", csrf, "text", "me too"))
        .statusCode());
    assertEquals(threadsBefore, lena.get("/threads?subject=project:" + projectId).items().size());
    assertEquals(1, lena.get("/threads/" + thread).json().getLong("commentCount"));
  }

  // --- the thread page ----------------------------------------------------------------------------------

  @Test
  void theThreadPagePagesThroughEveryCommentOnce() {
    String pagingProject = PageFixtures.project(lena, "risk", "paging");
    ApiResponse t = lena.post("/threads?subject=project:" + pagingProject, new JsonObject().put("title", "Long"));
    assertEquals(201, t.status(), t::toString);
    String thread = t.json().getString("id");
    int total = 120;
    for (int i = 1; i <= total; i++) {
      ApiResponse c = lena.post("/threads/" + thread + "/comments", new JsonObject().put("text", "note " + i));
      assertEquals(201, c.status(), c::toString);
    }
    String subjectPage = samPages.get("/projects/" + pagingProject).body();
    assertEquals(50, commentIds(subjectPage, thread).size(), "the subject page shows the first page");
    assertTrue(subjectPage.contains("All 120 comments"), subjectPage);

    List<String> seen = new ArrayList<>();
    String path = "/threads/" + thread;
    int pages = 0;
    String last = null;
    while (path != null) {
      HttpResponse<String> r = samPages.get(path);
      assertEquals(200, r.statusCode(), r::body);
      last = r.body();
      List<String> ids = commentIds(last, thread);
      assertFalse(ids.isEmpty(), "no empty page: " + path);
      seen.addAll(ids);
      pages++;
      Matcher next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(last);
      path = next.find() ? next.group(1).replace("&amp;", "&") : null;
    }
    assertEquals(3, pages);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= total; i++) {
      expected.add(thread + "-" + i);
    }
    assertEquals(expected, seen, "each comment once, in order");
    assertTrue(last.contains("note 120"), last);
    assertTrue(last.contains("id=\"previous-page\" href=\"/threads/" + thread + "?after=1\""), last);
    assertTrue(last.contains("Page 3 of 3"), last);

    // A comment written on the last page comes back to the last page, at the comment; so does a mention's link.
    String to = location(samPages.post("/threads/" + thread + "/comments", Map.of("_csrf", samPages.csrf(),
        "text", "the end, @lena", "from", "thread", "after", "2")));
    String atTheEnd = "/threads/" + thread + "?after=2#comment-" + thread + "-121";
    assertEquals(atTheEnd, to);
    assertTrue(lena.get("/notifications").items().stream().map(o -> ((JsonObject) o).getString("link"))
        .anyMatch(atTheEnd::equals), () -> lena.get("/notifications").toString());
  }

  @Test
  void theAuthorEditsAndTheHistoryIsShownOthersAreRefused() {
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "Wording", "first");
    String c = comment(paulaPages, thread, "teh old text");
    assertTrue(threadPage(paulaPages, thread).contains("id=\"edit-" + c + "\""), "the author gets the edit form");
    assertFalse(threadPage(samPages, thread).contains("id=\"edit-" + c + "\""), "others do not");

    assertEquals(403, samPages.post("/comments/" + c + "/edit", Map.of("_csrf", samPages.csrf(), "text", "hijacked"))
        .statusCode());
    assertEquals(403, samPages.post("/comments/" + c + "/delete", Map.of("_csrf", samPages.csrf())).statusCode());
    assertEquals("teh old text", apiComment(thread, c).getString("text"));
    assertFalse(apiComment(thread, c).getBoolean("deleted"));

    HttpResponse<String> empty = paulaPages.post("/comments/" + c + "/edit", Map.of("_csrf", paulaPages.csrf(),
        "text", " "));
    assertEquals(400, empty.statusCode());
    assertTrue(empty.body().contains("id=\"edit-" + c + "-error-text\""), empty::body);

    String to = location(paulaPages.post("/comments/" + c + "/edit", Map.of("_csrf", paulaPages.csrf(),
        "text", "the **new** text")));
    assertEquals("/threads/" + thread + "#comment-" + c, to);
    String html = threadPage(samPages, thread);
    assertTrue(html.contains("the <strong>new</strong> text"), html);
    assertTrue(html.contains("class=\"edited\""), html);
    assertTrue(html.contains("<pre class=\"previous-text\">teh old text</pre>"), "the history: " + html);
    assertTrue(html.contains("Replaced by paula"), html);
  }

  @Test
  void theAuthorDeletesAndATombstoneStays() {
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "Oops", "first");
    String c = comment(paulaPages, thread, "regrettable words");
    assertEquals("/threads/" + thread + "#comment-" + c, location(paulaPages.post("/comments/" + c + "/delete",
        Map.of("_csrf", paulaPages.csrf()))));
    String html = threadPage(samPages, thread);
    assertTrue(html.contains("id=\"comment-" + c + "\""), "the comment keeps its place");
    assertTrue(html.contains("This comment was deleted by paula."), html);
    assertFalse(html.contains("regrettable words"), html);
    assertFalse(samPages.get("/projects/" + projectId).body().contains("regrettable words"));
    assertTrue(apiComment(thread, c).getBoolean("deleted"));
  }

  @Test
  void aLeadHidesFromProductButNotFromLeadsAndUnhides() {
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "Heated", "first");
    String c = comment(samPages, thread, "a rude remark");
    assertFalse(threadPage(paulaPages, thread).contains("id=\"hide-" + c + "\""), "product gets no hide form");
    assertEquals(403, paulaPages.post("/comments/" + c + "/hide", Map.of("_csrf", paulaPages.csrf(),
        "reason", "mine")).statusCode());
    assertFalse(apiComment(thread, c).getBoolean("hidden"));

    assertEquals("/threads/" + thread + "#comment-" + c, location(lenaPages.post("/comments/" + c + "/hide",
        Map.of("_csrf", lenaPages.csrf(), "reason", "off topic"))));
    assertFalse(threadPage(samPages, thread).contains("id=\"edit-" + c + "\""),
        "the author gets no edit form for a text hidden from him");
    String product = threadPage(paulaPages, thread);
    assertTrue(product.contains("Hidden by lena: off topic"), product);
    assertFalse(product.contains("a rude remark"), product);
    assertFalse(paulaPages.get("/projects/" + projectId).body().contains("a rude remark"));
    String lead = threadPage(lenaPages, thread);
    assertTrue(lead.contains("Hidden by lena: off topic"), lead);
    assertTrue(lead.contains("a rude remark"), "the lead still reads it");
    assertTrue(lead.contains("id=\"unhide-" + c + "\""), lead);

    assertEquals(403, paulaPages.post("/comments/" + c + "/unhide", Map.of("_csrf", paulaPages.csrf()))
        .statusCode());
    location(lenaPages.post("/comments/" + c + "/unhide", Map.of("_csrf", lenaPages.csrf())));
    String again = threadPage(paulaPages, thread);
    assertTrue(again.contains("a rude remark"), again);
    assertNull(apiComment(thread, c).getString("hiddenBy"));
  }

  @Test
  void formsWithoutTheCsrfTokenChangeNothing() {
    String thread = startThread(paulaPages, "project:" + projectId, "/projects/" + projectId, "Tokens", "first");
    String c = thread + "-1";
    assertEquals(403, paulaPages.post("/comments/" + c + "/edit", Map.of("text", "forged")).statusCode());
    assertEquals(403, paulaPages.post("/comments/" + c + "/delete", Map.of()).statusCode());
    assertEquals(403, lenaPages.post("/comments/" + c + "/hide", Map.of("reason", "forged")).statusCode());
    JsonObject after = apiComment(thread, c);
    assertEquals("first", after.getString("text"));
    assertFalse(after.getBoolean("deleted"));
    assertFalse(after.getBoolean("hidden"));
  }
}
