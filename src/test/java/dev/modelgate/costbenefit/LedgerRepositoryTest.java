package dev.modelgate.costbenefit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's month buckets and computed summary, and the move of a ledger stored the earlier way. */
class LedgerRepositoryTest {

  static Store store;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "ledger", Files.createTempDirectory("modelgate-ledger-"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static LedgerItem item(String id, String project, String date, double amount) {
    return new LedgerItem(id, project, LocalDate.parse(date), amount, "gpu", null, "eve", Instant.EPOCH);
  }

  @Test
  void summarySumsByDayAndPagesFollowTheCursorAcrossMonths() {
    LedgerRepository ledger = new LedgerRepository(store, "costs_a");
    ledger.append(item("b", "p1", "2026-03-31", 5));
    ledger.append(item("a", "p1", "2026-01-15", 1));
    ledger.append(item("c", "p1", "2026-03-31", 7));
    ledger.append(item("d", "p1", "2026-04-01", 11));
    LedgerRepository.Summary s = ledger.summary("p1");
    assertEquals(4, s.count());
    assertEquals(24, s.total(), 1e-9);
    assertEquals(12, s.sum(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31")), 1e-9);
    assertEquals(0, s.sum(LocalDate.parse("2026-05-01"), LocalDate.parse("2026-04-01")), 1e-9);
    List<LedgerItem> first = ledger.page("p1", Optional.empty(), 2);
    assertEquals(List.of("a", "b"), first.stream().map(LedgerItem::id).toList());
    List<LedgerItem> rest = ledger.page("p1", LedgerRepository.Cursor.parse(LedgerRepository.Cursor.of(first.get(1))),
        10);
    assertEquals(List.of("c", "d"), rest.stream().map(LedgerItem::id).toList());
    assertEquals(LedgerRepository.Summary.EMPTY.count(), ledger.summary("nobody").count());
  }

  @Test
  void aLedgerStoredAsOneArrayIsMovedIntoBucketsOnFirstRead() {
    var old = store.collection("costs_b");
    old.insertOne(new Document("_id", "p2").append("n", 2).append("items", List.of(
        new Document("id", "x").append("date", "2025-12-01").append("amount", 100.0).append("category", "gpu")
            .append("note", null).append("createdBy", "eve").append("createdAt", Date.from(Instant.EPOCH)),
        new Document("id", "y").append("date", "2025-11-02").append("amount", 20.5).append("category", null)
            .append("note", "n").append("createdBy", "lena").append("createdAt", Date.from(Instant.EPOCH)))));
    LedgerRepository ledger = new LedgerRepository(store, "costs_b");
    assertEquals(2, ledger.summary("p2").count());
    assertEquals(120.5, ledger.summary("p2").total(), 1e-9);
    assertEquals(List.of("y", "x"), ledger.items("p2").stream().map(LedgerItem::id).toList());
    ledger.append(item("z", "p2", "2025-12-05", 1));
    assertEquals(List.of("y", "x", "z"), ledger.items("p2").stream().map(LedgerItem::id).toList(),
        "moved once, not copied again");
  }
}
