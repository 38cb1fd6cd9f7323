package dev.modelgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hash-chained audit log: recording, access, concurrent appenders, export, and tamper detection. */
class AuditApiTest {

  static TestServer server;
  static ApiClient lead;
  static ApiClient compliance;
  static ApiClient engineer;
  static ApiClient outsider;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("risk");
    server.createTeam("other");
    lead = server.createUser("lena", "risk", List.of("lead"));
    compliance = server.createUser("carl", "risk", List.of("compliance"));
    engineer = server.createUser("eve", "risk", List.of("engineer"));
    outsider = server.createUser("otto", "other", List.of("lead"));
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "scoring").put("name", "Scoring"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
    ApiResponse v = engineer.post("/projects/" + projectId + "/model-versions", new JsonObject().put("model", "m")
        .put("version", "1").put("metrics", new JsonObject().put("auc", 0.9)));
    assertEquals(201, v.status(), v::toString);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<JsonObject> items(ApiResponse r) {
    assertEquals(200, r.status(), r::toString);
    List<JsonObject> out = new ArrayList<>();
    r.items().forEach(o -> out.add((JsonObject) o));
    return out;
  }

  @Test
  void registryAndMembershipChangesAreRecorded() {
    List<JsonObject> risk = items(compliance.get("/audit?team=risk&limit=200"));
    Set<String> actions = new HashSet<>();
    risk.forEach(e -> actions.add(e.getString("action")));
    assertTrue(actions.containsAll(Set.of("team.created", "project.created", "model-version.registered",
        "member.roles-set")), actions::toString);
    JsonObject registered = risk.stream().filter(e -> e.getString("action").equals("model-version.registered"))
        .findFirst().orElseThrow();
    assertEquals("eve", registered.getString("actor"));
    assertEquals(projectId, registered.getJsonObject("details").getString("projectId"));
    // newest first
    assertTrue(risk.getFirst().getLong("seq") > risk.getLast().getLong("seq"));
  }

  @Test
  void filtersByActorActionAndSubject() {
    List<JsonObject> byActor = items(lead.get("/audit?actor=eve"));
    assertFalse(byActor.isEmpty());
    byActor.forEach(e -> assertEquals("eve", e.getString("actor")));
    List<JsonObject> bySubject = items(lead.get("/audit?subject=project:" + projectId));
    assertEquals(1, bySubject.size());
    assertEquals("project.created", bySubject.getFirst().getString("action"));
    List<JsonObject> future = items(lead.get("/audit?from=2999-01-01"));
    assertTrue(future.isEmpty());
    assertEquals(400, lead.get("/audit?from=yesterday").status());
  }

  @Test
  void onlyComplianceLeadsAndAdminRead() {
    assertEquals(403, engineer.get("/audit").status());
    assertEquals(403, engineer.get("/audit?team=risk").status());
    assertEquals(404, outsider.get("/audit?team=risk").status());
    // the other team's lead sees only their own team's entries
    items(outsider.get("/audit?limit=200")).forEach(e -> assertEquals("other", e.getString("team")));
    // admin sees platform entries (user creation) too
    List<JsonObject> all = items(server.admin().get("/audit?action=user.created&limit=200"));
    assertTrue(all.size() >= 4, all::toString);
    assertEquals(401, server.anonymous().get("/audit").status());
  }

  @Test
  void paginationWalksEveryEntryOnce() {
    List<Long> seen = new ArrayList<>();
    String next = null;
    do {
      ApiResponse r = server.admin().get("/audit?limit=3" + (next == null ? "" : "&after=" + next));
      items(r).forEach(e -> seen.add(e.getLong("seq")));
      next = r.json().getString("next");
    } while (next != null);
    assertEquals(new HashSet<>(seen).size(), seen.size());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) < seen.get(i - 1));
    }
    assertEquals(1L, seen.getLast());
  }

  @Test
  void concurrentAppendersOnOneStoreKeepOneChain() throws Exception {
    // Two logs on the same store act like two replicas: each has its own idea of the head.
    AuditLog a = new AuditLog(new AuditRepository(server.server().store()), Clock.systemUTC());
    AuditLog b = new AuditLog(new AuditRepository(server.server().store()), Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AuditEntry>> results = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        AuditLog log = i % 2 == 0 ? a : b;
        int n = i;
        results.add(pool.submit(() -> log.append(new AuditEvent("tester", "test.concurrent", "risk", "test",
            Integer.toString(n), Map.of("n", n)))));
      }
      Set<Long> seqs = new HashSet<>();
      for (Future<AuditEntry> f : results) {
        seqs.add(f.get().seq());
      }
      assertEquals(80, seqs.size());
    } finally {
      pool.shutdown();
    }
    JsonObject v = server.admin().get("/audit/verify").json();
    assertTrue(v.getBoolean("ok"), v::toString);
  }

  @Test
  void exportIsJsonLinesThatRecomputeToTheSameHashes() {
    ApiResponse r = server.admin().get("/audit/export");
    assertEquals(200, r.status(), r::toString);
    assertTrue(r.contentType().startsWith("application/x-ndjson"), r.contentType());
    String prev = AuditChain.GENESIS;
    long expectedSeq = 1;
    for (String line : r.body().split("\n")) {
      JsonObject e = new JsonObject(line);
      assertEquals(expectedSeq++, e.getLong("seq"));
      assertEquals(prev, e.getString("prevHash"));
      Map<String, Object> details = new LinkedHashMap<>(e.getJsonObject("details").getMap());
      AuditEntry entry = new AuditEntry(e.getLong("seq"), Instant.parse(e.getString("at")), e.getString("actor"),
          e.getString("action"), e.getString("team"), e.getString("subjectType"), e.getString("subjectId"),
          details, e.getString("prevHash"), e.getString("hash"));
      assertEquals(e.getString("hash"), AuditChain.hash(entry), line);
      prev = e.getString("hash");
    }
    ApiResponse paged = server.admin().get("/audit/export?limit=2");
    assertEquals(2, paged.body().split("\n").length);
    assertEquals("2", paged.header("X-Next-After"));
    assertEquals(400, server.admin().get("/audit/export?limit=0").status());
  }

  @Test
  void verifyCatchesAModifiedAndADeletedEntry() {
    JsonObject before = compliance.get("/audit/verify").json();
    assertTrue(before.getBoolean("ok"), before::toString);
    assertTrue(before.getLong("checked") >= 5);
    assertNotNull(before.getString("headHash"));

    MongoCollection<Document> audit = server.server().store().collection("audit");
    Document third = audit.find(Filters.eq("_id", 3L)).first();
    assertNotNull(third);

    // altered: someone rewrites who did it
    audit.updateOne(Filters.eq("_id", 3L), Updates.set("actor", "mallory"));
    JsonObject altered = compliance.get("/audit/verify").json();
    assertFalse(altered.getBoolean("ok"));
    assertEquals(3L, altered.getLong("brokenAt"));
    assertEquals("altered", altered.getString("problem"));
    assertEquals(2L, altered.getLong("checked"));

    // altered and re-hashed: the next entry no longer links to it
    AuditEntry forged = AuditRepository.fromDocument(audit.find(Filters.eq("_id", 3L)).first());
    audit.updateOne(Filters.eq("_id", 3L), Updates.set("hash", AuditChain.hash(forged)));
    JsonObject rehashed = compliance.get("/audit/verify").json();
    assertFalse(rehashed.getBoolean("ok"));
    assertEquals(4L, rehashed.getLong("brokenAt"));
    assertEquals("unlinked", rehashed.getString("problem"));

    audit.replaceOne(Filters.eq("_id", 3L), third);
    assertTrue(compliance.get("/audit/verify").json().getBoolean("ok"));

    // removed
    audit.deleteOne(Filters.eq("_id", 3L));
    JsonObject removed = compliance.get("/audit/verify").json();
    assertFalse(removed.getBoolean("ok"));
    assertEquals(3L, removed.getLong("brokenAt"));
    assertEquals("missing", removed.getString("problem"));

    // reordered: entry 2's content moved to position 3
    Document second = audit.find(Filters.eq("_id", 2L)).first();
    audit.insertOne(new Document(second).append("_id", 3L));
    JsonObject moved = compliance.get("/audit/verify").json();
    assertFalse(moved.getBoolean("ok"));
    assertEquals(3L, moved.getLong("brokenAt"));

    audit.replaceOne(Filters.eq("_id", 3L), third);
    assertTrue(compliance.get("/audit/verify").json().getBoolean("ok"));
    assertEquals(403, engineer.get("/audit/verify").status());
  }
}
