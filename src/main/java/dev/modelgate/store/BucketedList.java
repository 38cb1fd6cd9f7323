package dev.modelgate.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A long list stored with the bucket pattern: the items of one owner (a thread's comments, a user's
 * notifications, a webhook's deliveries) live in page documents of {@code pageSize} items, keyed by
 * owner + page number with a unique index, so reading a page is one lookup by unique key on the
 * embedded store and on MongoDB alike. Positions (1, 2, 3, ...) are allocated by the caller with an
 * atomic {@code $inc} on a counter document ({@link #allocate}); position {@code n} lives in page
 * {@code (n-1)/pageSize} under the key {@code items.<slot>} (a sub-document keyed by slot, not an
 * array, so concurrent appends cannot shift one another and an item is addressed by path). Changing
 * one item is a single-document update on its page.
 */
public final class BucketedList {

  private final MongoCollection<Document> pages;
  private final int pageSize;

  public BucketedList(MongoCollection<Document> pages, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    this.pages = pages;
    this.pageSize = pageSize;
  }

  public void ensureIndexes() {
    pages.createIndex(Indexes.ascending("owner", "page"), new IndexOptions().unique(true).name("owner_page"));
  }

  public int pageSize() {
    return pageSize;
  }

  public long pageOf(long position) {
    return (position - 1) / pageSize;
  }

  /** The path of {@code field} of the item at {@code position}, inside its page document. */
  public String path(long position, String field) {
    return "items." + slot(position) + (field == null ? "" : "." + field);
  }

  private long slot(long position) {
    return (position - 1) % pageSize;
  }

  /**
   * Atomically increments {@code field} of the counter document {@code id} and returns the new value
   * (the allocated position). With {@code upsert}, a missing counter document starts at 0; without, a
   * missing document gives empty.
   *
   * <p>It asks for the document as it was <em>before</em> the increment and adds one: the embedded
   * MongoDB-wire server returns the live stored document for {@code ReturnDocument.AFTER}, which a
   * concurrent increment can change before the reply is encoded (two callers then see the same value);
   * the "before" document is a private copy.
   */
  public static Optional<Long> allocate(MongoCollection<Document> counters, String id, String field,
      boolean upsert) {
    Document filter = new Document("_id", id);
    FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(upsert)
        .returnDocument(ReturnDocument.BEFORE);
    Document before;
    try {
      before = counters.findOneAndUpdate(filter, Updates.inc(field, 1L), options);
    } catch (RuntimeException e) {
      // Two first increments upserting the same new counter: the loser increments the winner's document.
      if (!Duplicates.isDuplicateKey(e)) {
        throw e;
      }
      before = counters.findOneAndUpdate(filter, Updates.inc(field, 1L), options);
    }
    if (before == null) {
      return upsert ? Optional.of(1L) : Optional.empty();
    }
    return Optional.of((before.get(field) instanceof Number n ? n.longValue() : 0L) + 1);
  }

  /** Stores the item at its allocated position (creating the page when it is the first). */
  public void put(String owner, long position, Document item) {
    Bson update = Updates.set(path(position, null), item.append("pos", position));
    try {
      pages.updateOne(key(owner, pageOf(position)), update, new UpdateOptions().upsert(true));
    } catch (RuntimeException e) {
      // Two first writers of a page race on the unique key: the loser updates the winner's page.
      if (!Duplicates.isDuplicateKey(e)) {
        throw e;
      }
      pages.updateOne(key(owner, pageOf(position)), Updates.set(path(position, null), item));
    }
  }

  /** Applies an update to the page holding {@code position}; the caller builds paths with {@link #path}. */
  public boolean update(String owner, long position, Bson update) {
    return pages.updateOne(key(owner, pageOf(position)), update).getMatchedCount() == 1;
  }

  /**
   * Applies an update to the page holding {@code position} and returns that item as it was <em>before</em>
   * (empty when the page does not exist): one atomic single-document step, so of several concurrent callers
   * exactly one sees the state it changed — e.g. the one that flipped a flag is the one that counts it.
   * "Before" for the same reason as {@link #allocate}: the embedded store's "after" document is shared.
   */
  public Optional<Document> updateReturningBefore(String owner, long position, Bson update) {
    Document before = pages.findOneAndUpdate(key(owner, pageOf(position)), update,
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    if (before == null || !(before.get("items") instanceof Document items)) {
      return Optional.empty();
    }
    return Optional.ofNullable(items.get(Long.toString(slot(position)), Document.class));
  }

  /** The item at {@code position}, if it was stored. */
  public Optional<Document> get(String owner, long position) {
    return page(owner, pageOf(position)).stream()
        .filter(d -> ((Number) d.get("pos")).longValue() == position).findFirst();
  }

  /** The items of one page in position order (missing positions are simply absent). */
  public List<Document> page(String owner, long page) {
    Document d = pages.find(key(owner, page)).first();
    List<Document> out = new ArrayList<>();
    if (d != null) {
      Document items = d.get("items", Document.class);
      if (items != null) {
        items.values().forEach(v -> out.add((Document) v));
      }
    }
    out.sort((a, b) -> Long.compare(((Number) a.get("pos")).longValue(), ((Number) b.get("pos")).longValue()));
    return out;
  }

  /** A whole page document, built for bulk loading (benchmarks, imports): items at their positions. */
  public Document pageDocument(String owner, long page, List<Document> items) {
    Document slots = new Document();
    for (Document item : items) {
      long pos = ((Number) item.get("pos")).longValue();
      if (pageOf(pos) != page) {
        throw new IllegalArgumentException("position " + pos + " is not on page " + page);
      }
      slots.append(Long.toString(slot(pos)), item);
    }
    return new Document("_id", owner + "/" + page).append("owner", owner).append("page", page)
        .append("items", slots);
  }

  public MongoCollection<Document> collection() {
    return pages;
  }

  /** The unique key of a page: exactly the index's fields, by equality, so the embedded store uses it. */
  private static Document key(String owner, long page) {
    return new Document("owner", owner).append("page", page);
  }
}
