package dev.modelgate.discussion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Threads and comments through the HTTP API of a real server. */
class DiscussionApiTest {

  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;
  static ApiClient product;
  static ApiClient viewer;
  static ApiClient outsider;
  static String projectId;
  static String versionId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lead = server.createUser("lena", "risk", List.of("lead"));
    engineer = server.createUser("eve", "risk", List.of("engineer"));
    product = server.createUser("pat", "risk", List.of("product"));
    viewer = server.createUser("vic", "risk", List.of("viewer"));
    outsider = server.createUser("otto", "other", List.of("lead", "engineer"));
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "scoring").put("name", "Scoring"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
    ApiResponse v = engineer.post("/projects/" + projectId + "/model-versions", new JsonObject().put("model", "churn")
        .put("version", "1").put("metrics", new JsonObject().put("auc", 0.9)));
    assertEquals(201, v.status(), v::toString);
    versionId = v.json().getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String newThread(ApiClient as, String subject, String title) {
    ApiResponse r = as.post("/threads?subject=" + subject, new JsonObject().put("title", title));
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  static JsonObject comment(ApiClient as, String thread, String text) {
    ApiResponse r = as.post("/threads/" + thread + "/comments", new JsonObject().put("text", text));
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  static JsonObject findComment(ApiClient as, String thread, String id) {
    ApiResponse r = as.get("/threads/" + thread);
    assertEquals(200, r.status(), r::toString);
    for (Object o : r.json().getJsonArray("comments")) {
      JsonObject c = (JsonObject) o;
      if (c.getString("id").equals(id)) {
        return c;
      }
    }
    throw new AssertionError("comment " + id + " not in " + r);
  }

  static List<String> notificationTitles(ApiClient as) {
    ApiResponse r = as.get("/notifications");
    assertEquals(200, r.status(), r::toString);
    List<String> out = new ArrayList<>();
    r.items().forEach(o -> out.add(((JsonObject) o).getString("title")));
    return out;
  }

  @Test
  void threadsOnAProjectAndAModelVersionAreListedPerSubject() {
    String t1 = newThread(product, "project:" + projectId, "Launch plan");
    String t2 = newThread(engineer, "model-version:" + versionId, "AUC looks low in EU");
    ApiResponse list = viewer.get("/threads?subject=project:" + projectId);
    assertEquals(200, list.status(), list::toString);
    List<String> ids = list.items().stream().map(o -> ((JsonObject) o).getString("id")).toList();
    assertTrue(ids.contains(t1), list::toString);
    assertFalse(ids.contains(t2), list::toString);
    assertEquals("risk", list.json().getString("team"));
    JsonObject thread = viewer.get("/threads/" + t2).json();
    assertEquals("model-version", thread.getJsonObject("subject").getString("type"));
    assertEquals(versionId, thread.getJsonObject("subject").getString("id"));
    assertEquals("AUC looks low in EU", thread.getString("title"));
  }

  @Test
  void unknownSubjectsAreNotFoundAndMalformedOnesAreBadRequests() {
    assertEquals(404, lead.get("/threads?subject=project:0123456789abcdef01234567").status());
    assertEquals(404, lead.get("/threads?subject=model-version:0123456789abcdef01234567").status());
    assertEquals(404, lead.post("/threads?subject=project:0123456789abcdef01234567",
        new JsonObject().put("title", "x")).status());
    ApiResponse bad = lead.get("/threads?subject=team:risk");
    assertEquals(400, bad.status());
    assertEquals("subject", bad.json().getString("field"));
    assertEquals(400, lead.get("/threads").status());
    assertEquals(404, lead.get("/threads/0123456789abcdef01234567").status());
    assertEquals(404, lead.get("/threads/nope").status());
    assertEquals(404, lead.patch("/comments/nope", new JsonObject().put("text", "x")).status());
  }

  @Test
  void workflowSubjectsBelongToTheWorkflowsTeamWhateverTheCallerNames() {
    assertEquals(404, engineer.post("/threads?subject=workflow:wf-42",
        new JsonObject().put("title", "Why stuck?").put("team", "risk")).status(), "no such workflow");
    ApiResponse started = engineer.post("/model-versions/" + versionId + "/workflows",
        new JsonObject().put("type", "review"));
    assertEquals(201, started.status(), started::toString);
    String subject = "subject=workflow:" + started.json().getString("id");
    ApiResponse created = engineer.post("/threads?" + subject, new JsonObject().put("title", "Why stuck?")
        .put("team", "other"));
    assertEquals(201, created.status(), created::toString);
    assertEquals("risk", created.json().getString("team"));
    ApiResponse list = viewer.get("/threads?" + subject);
    assertEquals(200, list.status());
    assertEquals(1, list.items().size());
    // Naming their own team does not let an outsider in: the check runs in the workflow's team.
    assertEquals(404, outsider.get("/threads?" + subject + "&team=other").status());
    assertEquals(404, outsider.post("/threads?" + subject + "&team=other", new JsonObject().put("title", "x")
        .put("team", "other")).status());
    assertEquals(1, viewer.get("/threads?" + subject).items().size());
  }

  @Test
  void viewerReadsButCannotWriteAndOutsiderCannotRead() {
    String t = newThread(lead, "project:" + projectId, "Permissions");
    JsonObject c = comment(engineer, t, "engineer writes");
    assertEquals(403, viewer.post("/threads/" + t + "/comments", new JsonObject().put("text", "hi")).status());
    assertEquals(403, viewer.post("/threads?subject=project:" + projectId, new JsonObject().put("title", "x"))
        .status());
    assertEquals(200, viewer.get("/threads/" + t).status());
    assertEquals(404, outsider.get("/threads/" + t).status());
    assertEquals(404, outsider.get("/threads?subject=project:" + projectId).status());
    assertEquals(404, outsider.post("/threads/" + t + "/comments", new JsonObject().put("text", "hi")).status());
    assertEquals(404, outsider.patch("/comments/" + c.getString("id"), new JsonObject().put("text", "x")).status());
    assertEquals(401, server.anonymous().get("/threads/" + t).status());
    assertEquals(200, server.admin().get("/threads/" + t).status());
    // Product, engineer, compliance and lead write.
    comment(product, t, "product writes");
    comment(lead, t, "lead writes");
  }

  @Test
  void commentsAreRenderedSafely() {
    String t = newThread(engineer, "project:" + projectId, "XSS");
    JsonObject c = comment(engineer, t, "**ok** <script>alert(1)</script> [x](javascript:alert(1)) "
        + "<img src=x onerror=alert(1)>");
    String html = c.getString("html");
    assertTrue(html.contains("<strong>ok</strong>"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("href=\"javascript"), html);
    assertFalse(html.contains("<img"), html);
    assertEquals(html, findComment(viewer, t, c.getString("id")).getString("html"));
  }

  @Test
  void editsKeepTheirHistoryAndOnlyTheAuthorEdits() {
    String t = newThread(engineer, "project:" + projectId, "Edits");
    String id = comment(engineer, t, "first version").getString("id");
    assertEquals(403, lead.patch("/comments/" + id, new JsonObject().put("text", "lead rewrites")).status());
    ApiResponse e1 = engineer.patch("/comments/" + id, new JsonObject().put("text", "second *version*"));
    assertEquals(200, e1.status(), e1::toString);
    ApiResponse e2 = engineer.patch("/comments/" + id, new JsonObject().put("text", "third version"));
    assertEquals(200, e2.status(), e2::toString);
    JsonObject c = findComment(viewer, t, id);
    assertEquals("third version", c.getString("text"));
    assertEquals("<p>third version</p>", c.getString("html"));
    assertNotNull(c.getString("editedAt"));
    JsonArray history = c.getJsonArray("history");
    assertEquals(2, history.size());
    assertEquals("first version", history.getJsonObject(0).getString("previousText"));
    assertEquals("second *version*", history.getJsonObject(1).getString("previousText"));
    assertEquals("eve", history.getJsonObject(0).getString("by"));
    assertNotNull(history.getJsonObject(0).getString("at"));
    ApiResponse bad = engineer.patch("/comments/" + id, new JsonObject().put("text", ""));
    assertEquals(400, bad.status());
    assertEquals("third version", findComment(viewer, t, id).getString("text"));    ApiResponse audit = lead.get("/audit?team=risk&subject=comment:" + id);
    assertEquals(200, audit.status(), audit::toString);
    assertEquals(List.of("comment.edited", "comment.edited", "comment.added"), audit.items().stream()
        .map(o -> ((JsonObject) o).getString("action")).toList(), audit::toString);
  }

  @Test
  void deletionLeavesATombstoneAndRepliesStay() {
    String t = newThread(engineer, "project:" + projectId, "Tombstones");
    String parent = comment(engineer, t, "to be deleted").getString("id");
    ApiResponse reply = product.post("/threads/" + t + "/comments",
        new JsonObject().put("text", "a reply").put("parentId", parent));
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(parent, reply.json().getString("parentId"));
    assertEquals(403, product.delete("/comments/" + parent).status());
    assertEquals(204, engineer.delete("/comments/" + parent).status());
    JsonObject tomb = findComment(viewer, t, parent);
    assertTrue(tomb.getBoolean("deleted"));
    assertEquals("eve", tomb.getString("deletedBy"));
    assertEquals("eve", tomb.getString("author"));
    assertNull(tomb.getString("text"));
    assertNull(tomb.getString("html"));
    assertNull(tomb.getJsonArray("history"));
    assertEquals("a reply", findComment(viewer, t, reply.json().getString("id")).getString("text"));
    assertEquals(409, engineer.patch("/comments/" + parent, new JsonObject().put("text", "back")).status());
    ApiResponse wrongParent = product.post("/threads/" + t + "/comments",
        new JsonObject().put("text", "x").put("parentId", t + "-999"));
    assertEquals(422, wrongParent.status());
  }

  @Test
  void leadsHideCommentsAndOnlyLeadsStillSeeTheText() {
    String t = newThread(engineer, "project:" + projectId, "Hiding");
    String id = comment(product, t, "something rude").getString("id");
    assertEquals(403, engineer.post("/comments/" + id + "/hide", new JsonObject()).status());
    ApiResponse hid = lead.post("/comments/" + id + "/hide", new JsonObject().put("reason", "off-topic"));
    assertEquals(200, hid.status(), hid::toString);
    JsonObject asViewer = findComment(viewer, t, id);
    assertTrue(asViewer.getBoolean("hidden"));
    assertEquals("lena", asViewer.getString("hiddenBy"));
    assertEquals("off-topic", asViewer.getString("hiddenReason"));
    assertNull(asViewer.getString("text"));
    assertEquals("something rude", findComment(lead, t, id).getString("text"));

    // Unhiding is the lead's too; afterwards everyone reads the text again.
    assertEquals(403, engineer.post("/comments/" + id + "/unhide", new JsonObject()).status());
    ApiResponse shown = lead.post("/comments/" + id + "/unhide", new JsonObject());
    assertEquals(200, shown.status(), shown::toString);
    JsonObject again = findComment(viewer, t, id);
    assertFalse(again.getBoolean("hidden"));
    assertEquals("something rude", again.getString("text"));
  }

  @Test
  void mentionsNotifyOnlyPeopleWhoCanSeeTheSubject() {
    String t = newThread(engineer, "project:" + projectId, "Mentions");
    comment(engineer, t, "@vic @pat @otto @nobody @eve please look; not `@lena`");
    assertTrue(notificationTitles(viewer).contains("eve mentioned you in \u201cMentions\u201d"));
    assertTrue(notificationTitles(product).contains("eve mentioned you in \u201cMentions\u201d"));
    assertFalse(notificationTitles(outsider).stream().anyMatch(s -> s.contains("Mentions")));
    assertFalse(notificationTitles(engineer).stream().anyMatch(s -> s.contains("Mentions")), "no self-mention");
    assertFalse(notificationTitles(lead).stream().anyMatch(s -> s.contains("Mentions")), "code is not a mention");
    JsonObject n = viewer.get("/notifications").items().stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("title").contains("Mentions")).findFirst().orElseThrow();
    assertEquals("mention", n.getString("kind"));
    assertEquals("project", n.getString("subjectType"));
    assertEquals(projectId, n.getString("subjectId"));
    assertTrue(n.getString("link").startsWith("/threads/" + t + "#comment-"), n::toString);
    assertFalse(n.getBoolean("read"));
  }

  @Test
  void editsNotifyOnlyNewlyMentionedPeople() {
    String t = newThread(engineer, "project:" + projectId, "Edit mentions");
    String id = comment(engineer, t, "ping @pat").getString("id");
    assertEquals(200, engineer.patch("/comments/" + id, new JsonObject().put("text", "ping @pat and @lena"))
        .status());
    assertEquals(1, notificationTitles(product).stream().filter(s -> s.contains("Edit mentions")).count());
    assertEquals(1, notificationTitles(lead).stream().filter(s -> s.contains("Edit mentions")).count());
  }

  @Test
  void notificationsAreMarkedReadOneByOneOrAll() {
    ApiClient reader = product;
    String t = newThread(engineer, "project:" + projectId, "Read marks");
    comment(engineer, t, "@pat one");
    comment(engineer, t, "@pat two");
    JsonObject page = reader.get("/notifications").json();
    int unread = page.getInteger("unreadCount");
    assertTrue(unread >= 2, page::toString);
    String newest = page.getJsonArray("items").getJsonObject(0).getString("id");
    ApiResponse read = reader.post("/notifications/" + newest + "/read", null);
    assertEquals(200, read.status(), read::toString);
    assertTrue(read.json().getBoolean("read"));
    assertEquals(unread - 1, reader.get("/notifications").json().getInteger("unreadCount"));
    assertEquals(200, reader.post("/notifications/" + newest + "/read", null).status());
    assertEquals(unread - 1, reader.get("/notifications").json().getInteger("unreadCount"), "reading twice counts once");
    assertEquals(404, reader.post("/notifications/99999/read", null).status());
    assertEquals(204, reader.post("/notifications/read-all", null).status());
    JsonObject after = reader.get("/notifications").json();
    assertEquals(0, after.getInteger("unreadCount"));
    after.getJsonArray("items").forEach(o -> assertTrue(((JsonObject) o).getBoolean("read")));
  }

  @Test
  void longThreadsArePagedFiftyCommentsAtATime() {
    ApiResponse created = engineer.post("/threads?subject=project:" + projectId,
        new JsonObject().put("title", "Long").put("text", "opening comment"));
    assertEquals(201, created.status(), created::toString);
    String t = created.json().getString("id");
    assertEquals(1, created.json().getInteger("commentCount"));
    for (int i = 2; i <= 60; i++) {
      comment(engineer, t, "comment " + i);
    }
    List<String> texts = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      ApiResponse r = viewer.get("/threads/" + t + (next == null ? "" : "?after=" + next));
      assertEquals(200, r.status(), r::toString);
      r.json().getJsonArray("comments").forEach(o -> texts.add(((JsonObject) o).getString("text")));
      next = r.json().getString("next");
      pages++;
    } while (next != null);
    assertEquals(2, pages);
    assertEquals(60, texts.size());
    assertEquals("opening comment", texts.get(0));
    assertEquals("comment 60", texts.get(59));
    assertEquals(400, viewer.get("/threads/" + t + "?after=abc").status());
  }
}
