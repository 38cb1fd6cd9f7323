package dev.modelgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * The v2 encoding: what the store may give back for a written value encodes alike, and values that differ
 * (also those the v1 text confused) encode differently.
 */
class AuditHashV2Test {

  static final Instant AT = Instant.parse("2026-03-04T05:06:07.089Z");

  static AuditEntry entry(String actor, String action, Map<String, Object> details) {
    return new AuditEntry(7, AT, actor, action, "team", "subject", "id", details, AuditChain.GENESIS, null,
        AuditChain.CURRENT_VERSION);
  }

  static String hash(Map<String, Object> details) {
    return AuditHashV2.hash(entry("actor", "action", details));
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void whatTheStoreGivesBackEncodesAsWhatWasWritten() {
    // written: normalised details; read back: int or long, Document for maps, ArrayList for lists, any order
    Map<String, Object> written = map("n", 5L, "m", map("b", 1L, "a", List.of("x", 2L)), "d", 0.25);
    Document read = new Document("d", 0.25).append("n", 5).append("m",
        new Document("a", new ArrayList<>(List.of("x", 2))).append("b", 1));
    assertEquals(hash(written), hash(read));
  }

  @Test
  void differentValuesEncodeDifferently() {
    assertNotEquals(hash(map("s", "?")), hash(map("s", "\ud800")), "v1 hashed a lone surrogate as '?'");
    assertNotEquals(hash(map("n", 1L)), hash(map("n", new Decimal128(new java.math.BigDecimal("1.25")))),
        "v1 hashed any other number as its long value");
    assertNotEquals(hash(map("d", "Thu Jan 01 00:00:00 UTC 1970")), hash(map("d", new Date(0))),
        "v1 hashed other values as their string");
    assertNotEquals(hash(map("n", 5L)), hash(map("n", 5.0)));
    assertNotEquals(hash(map("n", 0.0)), hash(map("n", -0.0)));
    assertNotEquals(hash(map("v", "null")), hash(map("v", null)));
    assertNotEquals(hash(map("v", "true")), hash(map("v", true)));
    assertNotEquals(hash(map("v", List.of("a", "b"))), hash(map("v", map("a", "b"))));
    assertNotEquals(hash(map("v", List.of("ab"))), hash(map("v", List.of("a", "b"))));
    assertNotEquals(hash(map()), hash(map("", "")));
    assertNotEquals(AuditHashV2.hash(entry("ab", "c", map())), AuditHashV2.hash(entry("a", "bc", map())),
        "lengths separate neighbouring fields");
    assertNotEquals(AuditHashV2.hash(entry(null, "c", map())), AuditHashV2.hash(entry("", "c", map())));
  }

  @Test
  void normalisingForTheStoreReplacesWhatItCannotHold() {
    assertEquals("a\uFFFDb\uFFFD\uFFFD", AuditChain.text("a\ud800b\udc00\ud800"));
    assertEquals("pair \ud83d\ude00 kept", AuditChain.text("pair \ud83d\ude00 kept"));
    assertEquals(map("a\uFFFDb", 1L), AuditChain.normalise(map("a\u0000b", 1)));
  }
}
