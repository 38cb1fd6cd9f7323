package dev.modelgate.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Named counts kept in one document per key (the computed pattern: a reader gets all-time counts in one
 * lookup instead of reading what was counted). Each {@link #add} carries an operation key and is applied
 * at most once ({@link OpWindow}), so a writer that repeats a step after a crash counts once.
 */
public final class Tally {

  private final MongoCollection<Document> docs;

  public Tally(MongoCollection<Document> docs) {
    this.docs = docs;
  }

  public void ensureIndexes() {
    docs.createIndex(Indexes.ascending("k", "v"), new IndexOptions().unique(true).name("key_version"));
  }

  /** A count's name from its parts, joined by '|'; '.' and a leading '$' (field-path syntax) become '_'. */
  public static String name(String... parts) {
    String joined = String.join("|", parts).replace('.', '_');
    return joined.startsWith("$") ? "_" + joined.substring(1) : joined;
  }

  /** Adds one to each of {@code names} under {@code key}, unless operation {@code opKey} was counted already. */
  public void add(String key, String opKey, List<String> names) {
    Document counts = new Document();
    List<Bson> incs = new ArrayList<>();
    for (String n : names) {
      counts.merge(n, 1L, (a, b) -> (Long) a + (Long) b);
      incs.add(Updates.inc("c." + n, 1L));
    }
    OpWindow.apply(docs, key, opKey, new Document("c", counts), incs);
  }

  /** The counts under {@code key} (empty when nothing was counted). */
  public Map<String, Long> read(String key) {
    Document d = docs.find(new Document("_id", key)).projection(Projections.include("c")).first();
    Map<String, Long> out = new HashMap<>();
    if (d != null && d.get("c") instanceof Document c) {
      c.forEach((name, n) -> out.put(name, ((Number) n).longValue()));
    }
    return out;
  }

  /** Sets the counts under {@code key} outright (building a tally from what it counts; no concurrent writers). */
  public void replace(String key, Map<String, Long> counts) {
    Document existing = docs.find(new Document("_id", key)).projection(Projections.include("v")).first();
    long v = existing == null ? 1L : ((Number) existing.get("v")).longValue() + 1;
    docs.replaceOne(new Document("_id", key), new Document("_id", key).append("k", key).append("v", v)
        .append("c", new Document(counts)).append("ops", List.of()), new ReplaceOptions().upsert(true));
  }
}
