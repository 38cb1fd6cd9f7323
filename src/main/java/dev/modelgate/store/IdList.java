package dev.modelgate.store;

import com.mongodb.client.MongoCollection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * A long list of document ids per owner (a project's workflows, a team role's decided tasks), kept with
 * the bucket pattern ({@link BucketedList}: pages of ids keyed by owner + page number), positions
 * allocated from a counter document per owner. Reading a page of the list is a few lookups by unique
 * key on the embedded store and on MongoDB alike, however long the list grows.
 *
 * <p>The list is an index, the documents stay the truth. Writers put the entry <em>before</em> they
 * write its document, and the document records the position it is listed at ({@code listPos.<list>})
 * in the same single-document write that makes it belong to the list. A reader keeps an entry only when
 * its document exists and records that very position. So:
 * <ul>
 *   <li>a crash between entry and document leaves an entry whose document is missing or does not point
 *       back: never shown, and the retried write lists the item again at a new position;</li>
 *   <li>a repeated or concurrent write of the same item leaves at most one entry that the document points
 *       back to (its write is conditional), so an item is never listed twice;</li>
 *   <li>concurrent appends get distinct positions ({@link BucketedList#allocate}).</li>
 * </ul>
 * A caller's cursor is an item id: its document's recorded position says where the next page starts.
 */
public final class IdList {

  /** One entry: the item's id at its position. */
  public record Entry(String id, long pos) {}

  /** Turns a batch of entries into the items to show, dropping entries their documents do not confirm. */
  @FunctionalInterface
  public interface Resolver<T> {
    List<T> resolve(List<Entry> entries);
  }

  private final BucketedList pages;
  private final MongoCollection<Document> counters;

  public IdList(MongoCollection<Document> pages, MongoCollection<Document> counters, int pageSize) {
    this.pages = new BucketedList(pages, pageSize);
    this.counters = counters;
  }

  public void ensureIndexes() {
    pages.ensureIndexes();
  }

  public int pageSize() {
    return pages.pageSize();
  }

  /** Reserves the next position of the owner's list (a gap if the caller never puts an entry there). */
  public long allocate(String owner) {
    return BucketedList.allocate(counters, owner, "n", true).orElseThrow();
  }

  /** Stores the entry at its allocated position; writing the same entry again changes nothing. */
  public void put(String owner, long pos, String id) {
    pages.put(owner, pos, new Document("id", id));
  }

  /** Allocates a position and stores the entry there: call before writing the document that points back. */
  public long append(String owner, String id) {
    long pos = allocate(owner);
    put(owner, pos, id);
    return pos;
  }

  /** The highest position allocated so far (0 for an empty list). */
  public long top(String owner) {
    Document d = counters.find(new Document("_id", owner)).first();
    return d == null || !(d.get("n") instanceof Number n) ? 0 : n.longValue();
  }

  /**
   * Up to {@code want} items, newest first, from positions below {@code beforePos} (empty: from the top).
   * Reads pages downwards and resolves candidates in batches until enough are confirmed.
   */
  public <T> List<T> newestFirst(String owner, Optional<Long> beforePos, int want, Resolver<T> resolver) {
    long from = beforePos.map(p -> p - 1).orElseGet(() -> top(owner));
    long[] page = {from < 1 ? -1 : pages.pageOf(from)};
    return collect(want, resolver, () -> {
      if (page[0] < 0) {
        return null;
      }
      List<Document> items = pages.page(owner, page[0]--);
      List<Entry> out = new ArrayList<>();
      for (int i = items.size() - 1; i >= 0; i--) {
        Entry e = entry(items.get(i));
        if (e.pos() <= from) {
          out.add(e);
        }
      }
      return out;
    });
  }

  /** Up to {@code want} items, oldest first, from positions above {@code afterPos} (empty: from the start). */
  public <T> List<T> oldestFirst(String owner, Optional<Long> afterPos, int want, Resolver<T> resolver) {
    long from = afterPos.map(p -> p + 1).orElse(1L);
    long top = top(owner);
    long lastPage = top < 1 ? -1 : pages.pageOf(top);
    long[] page = {pages.pageOf(from)};
    return collect(want, resolver, () -> {
      if (page[0] > lastPage) {
        return null;
      }
      List<Entry> out = new ArrayList<>();
      for (Document d : pages.page(owner, page[0]++)) {
        Entry e = entry(d);
        if (e.pos() >= from) {
          out.add(e);
        }
      }
      return out;
    });
  }

  /** Pulls entries page by page (null: no more pages) and resolves only as many as are still wanted. */
  private static <T> List<T> collect(int want, Resolver<T> resolver, Supplier<List<Entry>> nextPage) {
    List<T> out = new ArrayList<>();
    ArrayDeque<Entry> queue = new ArrayDeque<>();
    boolean more = true;
    while (out.size() < want) {
      int need = want - out.size();
      while (more && queue.size() < need) {
        List<Entry> p = nextPage.get();
        if (p == null) {
          more = false;
        } else {
          queue.addAll(p);
        }
      }
      if (queue.isEmpty()) {
        break;
      }
      List<Entry> batch = new ArrayList<>();
      while (!queue.isEmpty() && batch.size() < need) {
        batch.add(queue.poll());
      }
      out.addAll(resolver.resolve(batch));
    }
    return out;
  }

  /** Every item of a short list, oldest first (a model version's approvals). */
  public <T> List<T> all(String owner, Resolver<T> resolver) {
    return oldestFirst(owner, Optional.empty(), Integer.MAX_VALUE, resolver);
  }

  // ------------------------------------------------------------------ bulk loading (benchmarks, imports)

  /** The page documents holding {@code ids} at positions 1..n of the owner's list, for insertMany. */
  public List<Document> pageDocuments(String owner, List<String> ids) {
    List<Document> out = new ArrayList<>();
    List<Document> items = new ArrayList<>();
    long page = 0;
    for (int i = 0; i < ids.size(); i++) {
      long pos = i + 1L;
      if (pages.pageOf(pos) != page) {
        out.add(pages.pageDocument(owner, page, items));
        items = new ArrayList<>();
        page = pages.pageOf(pos);
      }
      items.add(new Document("id", ids.get(i)).append("pos", pos));
    }
    if (!items.isEmpty()) {
      out.add(pages.pageDocument(owner, page, items));
    }
    return out;
  }

  /** The counter document of a list bulk-loaded with {@code count} entries. */
  public static Document counterDocument(String owner, long count) {
    return new Document("_id", owner).append("n", count);
  }

  public MongoCollection<Document> pageCollection() {
    return pages.collection();
  }

  public MongoCollection<Document> counterCollection() {
    return counters;
  }

  /** The position a document records at {@code path} (such as {@code listPos.project}), if any. */
  public static Optional<Long> recordedPosition(Document d, String path) {
    Object v = d;
    for (String part : path.split("\\.")) {
      v = v instanceof Document doc ? doc.get(part) : null;
    }
    return v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  private static Entry entry(Document d) {
    return new Entry(d.getString("id"), ((Number) d.get("pos")).longValue());
  }
}
