package dev.modelgate.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Applies changes to a document at most once per operation key, without transactions: the document keeps
 * the keys of its last {@value #SIZE} operations ({@code ops}) and a version ({@code v}); a change is an
 * update conditional on the version it read, and one whose key the document already holds is skipped. A
 * writer that repeats a step after a crash, or two replicas repairing the same step, therefore change
 * the document once. The collection needs a unique index on ({@code k}, {@code v}): the conditional
 * filter is exactly its keys, so the embedded store finds the document by index.
 */
public final class OpWindow {

  public static final int SIZE = 500;

  private OpWindow() {}

  /**
   * Applies {@code changes} to document {@code key} unless it applied {@code opKey} already. A missing
   * document is created as {@code fresh} (its fields with the change already in them) plus key, version
   * and window.
   */
  public static void apply(MongoCollection<Document> docs, String key, String opKey, Document fresh,
      List<Bson> changes) {
    long unmatchedAt = -1;
    for (int attempt = 0; attempt < 1000; attempt++) {
      Document d = docs.find(new Document("_id", key)).first();
      if (d == null) {
        Document created = new Document("_id", key).append("k", key).append("v", 1L);
        created.putAll(fresh);
        created.append("ops", List.of(opKey));
        try {
          docs.insertOne(created);
          return;
        } catch (RuntimeException e) {
          if (!Duplicates.isDuplicateKey(e)) {
            throw e;
          }
          continue;
        }
      }
      if (d.getList("ops", String.class, List.of()).contains(opKey)) {
        return;
      }
      long v = ((Number) d.get("v")).longValue();
      List<Bson> update = new ArrayList<>(changes);
      update.add(Updates.set("v", v + 1));
      update.add(Updates.pushEach("ops", List.of(opKey), new PushOptions().slice(-SIZE)));
      // The (k, v) filter is an index lookup on the embedded store. Should it miss a version the document
      // itself still shows (seen after a crash of the embedded store: its index and document disagreed), the
      // same condition by _id and version is used: a scan there, but the same once-only guarantee.
      Document filter = unmatchedAt == v ? new Document("_id", key).append("v", v)
          : new Document("k", key).append("v", v);
      if (docs.updateOne(filter, Updates.combine(update)).getMatchedCount() == 1) {
        return;
      }
      unmatchedAt = v;
    }
    throw new IllegalStateException("document " + key + " kept changing; giving up");
  }
}
