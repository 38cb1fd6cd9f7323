package dev.modelgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bucket pattern on the embedded store: concurrent appends lose nothing, items update in place. */
class BucketedListTest {

  static Store store;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "buckets", Files.createTempDirectory("modelgate-buckets-"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void concurrentAppendsGetDistinctPositionsAndNoneIsLost() throws Exception {
    BucketedList list = new BucketedList(store.collection("pages_a"), 10);
    list.ensureIndexes();
    int n = 300;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int item = i;
        futures.add(pool.submit(() -> {
          long pos = BucketedList.allocate(store.collection("counters_a"), "owner", "seq", true).orElseThrow();
          list.put("owner", pos, new Document("value", item));
          return pos;
        }));
      }
      List<Long> positions = new ArrayList<>();
      for (Future<Long> f : futures) {
        positions.add(f.get());
      }
      java.util.Map<Long, Long> counts = new java.util.TreeMap<>();
      positions.forEach(p -> counts.merge(p, 1L, Long::sum));
      counts.values().removeIf(c -> c == 1);
      assertEquals(java.util.Map.of(), counts, "duplicated positions");
    }
    List<Long> stored = new ArrayList<>();
    for (long page = 0; page < n / 10; page++) {
      List<Document> items = list.page("owner", page);
      assertEquals(10, items.size(), "page " + page);
      items.forEach(d -> stored.add(((Number) d.get("pos")).longValue()));
    }
    List<Long> expected = new ArrayList<>();
    for (long p = 1; p <= n; p++) {
      expected.add(p);
    }
    assertEquals(expected, stored, "every position stored once, in order");
    assertEquals(n / 10, store.collection("pages_a").countDocuments());
  }

  @Test
  void anItemIsUpdatedInPlaceOnItsPage() {
    BucketedList list = new BucketedList(store.collection("pages_b"), 3);
    list.ensureIndexes();
    for (long p = 1; p <= 7; p++) {
      list.put("o", p, new Document("text", "v" + p));
    }
    assertTrue(list.update("o", 5, Updates.combine(Updates.set(list.path(5, "text"), "changed"),
        Updates.push(list.path(5, "history"), new Document("text", "v5")))));
    Document five = list.get("o", 5).orElseThrow();
    assertEquals("changed", five.getString("text"));
    assertEquals("v5", five.getList("history", Document.class).getFirst().getString("text"));
    assertEquals("v4", list.get("o", 4).orElseThrow().getString("text"));
    assertEquals("v6", list.get("o", 6).orElseThrow().getString("text"));
    assertEquals(List.of(7L), list.page("o", 2).stream().map(d -> ((Number) d.get("pos")).longValue()).toList());
    assertTrue(list.get("o", 8).isEmpty());
    assertTrue(list.page("other", 0).isEmpty());
  }
}
