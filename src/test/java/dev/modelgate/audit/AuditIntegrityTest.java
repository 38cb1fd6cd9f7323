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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chain cannot be broken by content: text that the store would not keep as sent is refused at its
 * field, values of every kind hash the same before and after a round trip through the store (also across a
 * restart), entries hashed the old way still verify, and verification reports every broken entry.
 */
class AuditIntegrityTest {

  static TestServer server;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("integrity");
    ApiClient lead = server.createUser("ilse", "integrity", List.of("lead"));
    server.createUser("ipaula", "integrity", List.of("product"));
    ApiResponse p = lead.post("/teams/integrity/projects", new JsonObject().put("slug", "chain").put("name", "Chain"));
    assertEquals(201, p.status(), p::toString);
    projectId = p.json().getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A product member of the team (a new client each time: a restart moves the server to another port). */
  static ApiClient paula() {
    return server.as("ipaula");
  }

  static MongoCollection<Document> auditCollection() {
    return server.server().store().collection("audit");
  }

  static JsonObject verify() {
    ApiResponse r = server.admin().get("/audit/verify");
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  /** Posts a thread whose body is given as JSON text, so {@code \\u} escapes reach the server unchanged. */
  static ApiResponse postThread(String titleJson) {
    return paula().send("POST", "/threads?subject=project:" + projectId, "{\"title\":" + titleJson + "}",
        "application/json");
  }

  static int threadCount() {
    ApiResponse r = paula().get("/threads?subject=project:" + projectId);
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").size();
  }

  static void assertRefusedAt(String field, ApiResponse r) {
    assertEquals(400, r.status(), r::toString);
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertEquals(field, r.json().getString("field"), r::toString);
  }

  @Test
  void textThatIsNotValidUnicodeOrHoldsControlCharactersIsRefusedAtItsField() {
    int before = threadCount();
    long entries = auditCollection().countDocuments();
    for (String title : List.of("\"\\ud800\"", "\"ok \\udc00 then\"", "\"a\\u0000b\"", "\"bell\\u0007\"",
        "\"next\\u0085line\"", "\"del\\u007f\"")) {
      assertRefusedAt("title", postThread(title));
    }
    assertEquals(before, threadCount(), "nothing stored");
    assertEquals(entries, auditCollection().countDocuments(), "nothing audited");

    ApiResponse ok = postThread("\"tab\\there, lines\\r\\nand an emoji \\ud83d\\ude00\"");
    assertEquals(201, ok.status(), ok::toString);
    assertEquals("tab\there, lines\r\nand an emoji \ud83d\ude00", ok.json().getString("title"));
    assertTrue(verify().getBoolean("ok"));
  }

  @Test
  void valuesOfEveryKindVerifyAfterTheStoreAndAfterARestart() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1);
    nested.put("a", List.of(1, 2L, "x", Map.of()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("int", 5);
    details.put("long", 5L);
    details.put("double", 5.0);
    details.put("float", 1.5f);
    details.put("decimal", new BigDecimal("1.25"));
    details.put("negativeZero", -0.0);
    details.put("nested", nested);
    details.put("at", Instant.parse("2026-01-02T03:04:05.678912Z"));
    details.put("lone", "a\ud800b");
    details.put("nul", "x\u0000y");
    details.put("nul\u0000key", true);
    details.put("", "empty name");
    details.put("json-like", "\",\"team\":\"x");
    AuditLog log = new AuditLog(new AuditRepository(server.server().store()), Clock.systemUTC());
    AuditEntry written = log.append(new AuditEvent("claims-\udbff", "test.values", "integrity", "test", "1", details));
    assertEquals(AuditChain.CURRENT_VERSION, written.hashVersion());
    JsonObject v = verify();
    assertTrue(v.getBoolean("ok"), v::toString);

    server.restart();
    JsonObject after = verify();
    assertTrue(after.getBoolean("ok"), after::toString);
    assertEquals(v.getLong("checked"), after.getLong("checked"));
    assertEquals(v.getString("headHash"), after.getString("headHash"));
  }

  @Test
  void anEntryWrittenTheOldWayStillVerifiesAndTheChainGoesOnFromIt() {
    AuditRepository repository = new AuditRepository(server.server().store());
    AuditLog log = new AuditLog(repository, Clock.systemUTC());
    AuditRepository.Head head = log.currentHead();
    // As the first version wrote entries: a v1 hash, no hash version stored. The title held a lone
    // surrogate, which the v1 text hashed as '?' and the store keeps as U+FFFD.
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("title", "old \ud800 title");
    details.put("count", 3L);
    AuditEntry old = new AuditEntry(head.seq() + 1, Instant.parse("2025-06-01T10:00:00.123Z"), "ipaula",
        "thread.created", "integrity", "thread", "t1", details, head.hash(), null, AuditChain.LEGACY_VERSION);
    old = old.withHash(AuditHashV1.hash(old));
    Document stored = AuditRepository.toDocument(old);
    stored.remove("hashVersion");
    auditCollection().insertOne(stored);
    repository.advanceHint(new AuditRepository.Head(old.seq(), old.hash()));

    JsonObject v = verify();
    assertTrue(v.getBoolean("ok"), v::toString);
    ApiResponse next = postThread("\"after the old entry\"");
    assertEquals(201, next.status(), next::toString);
    JsonObject again = verify();
    assertTrue(again.getBoolean("ok"), again::toString);

    // The version is part of what is checked: a new entry relabelled as old no longer matches.
    long newest = log.currentHead().seq();
    assertEquals(AuditChain.CURRENT_VERSION, auditCollection().find(Filters.eq("_id", newest)).first()
        .getInteger("hashVersion"));
    auditCollection().updateOne(Filters.eq("_id", newest), Updates.unset("hashVersion"));
    try {
      JsonObject relabelled = verify();
      assertFalse(relabelled.getBoolean("ok"));
      assertEquals(newest, relabelled.getLong("brokenAt"));
    } finally {
      auditCollection().updateOne(Filters.eq("_id", newest), Updates.set("hashVersion", AuditChain.CURRENT_VERSION));
    }
    assertTrue(verify().getBoolean("ok"));
  }

  @Test
  void verificationGoesOnPastABrokenEntryAndReportsEveryOne() {
    assertTrue(verify().getBoolean("ok"));
    long total = auditCollection().countDocuments();
    assertTrue(total >= 5, "entries to tamper with: " + total);
    Document second = auditCollection().find(Filters.eq("_id", 2L)).first();
    Document fourth = auditCollection().find(Filters.eq("_id", 4L)).first();
    assertNotNull(second);
    assertNotNull(fourth);
    auditCollection().updateOne(Filters.eq("_id", 2L), Updates.set("actor", "mallory"));
    auditCollection().updateOne(Filters.eq("_id", 4L), Updates.set("action", "nothing.happened"));
    try {
      JsonObject v = verify();
      assertFalse(v.getBoolean("ok"), v::toString);
      assertEquals(total, v.getLong("checked"), "every entry is checked, also after a broken one");
      JsonArray broken = v.getJsonArray("broken");
      assertEquals(2, broken.size(), v::toString);
      assertEquals(2L, broken.getJsonObject(0).getLong("seq"));
      assertEquals("altered", broken.getJsonObject(0).getString("problem"));
      assertEquals(4L, broken.getJsonObject(1).getLong("seq"));
      assertEquals("altered", broken.getJsonObject(1).getString("problem"));
      assertEquals(2L, v.getLong("brokenCount"));
      assertEquals(2L, v.getLong("brokenAt"), "older clients still read the first");
      assertEquals("altered", v.getString("problem"));
    } finally {
      auditCollection().replaceOne(Filters.eq("_id", 2L), second);
      auditCollection().replaceOne(Filters.eq("_id", 4L), fourth);
    }
    assertTrue(verify().getBoolean("ok"));
  }
}
