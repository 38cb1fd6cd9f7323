package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * One lock per model while a workflow changes which of its versions serves production. Promotions of
 * different versions of one model run side by side (their reviews take days); without this, two of them
 * reaching production at once both archive the old version and both move in, leaving two production
 * versions. The swap takes milliseconds, so the lock is short; a holder killed mid-swap takes it again
 * when its step is retried (the holder is the workflow), and any other holder takes it over once it is
 * older than {@link #STALE}.
 */
public final class ProductionLock {

  static final Duration STALE = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final MongoCollection<Document> locks;
  private final Clock clock;

  public ProductionLock(Store store, Clock clock) {
    this.locks = store.collection("model_production_locks");
    this.clock = clock;
  }

  public void ensureIndexes() {
    // For the embedded store: the conditional take-over's filter is exactly these keys, so it is a lookup.
    locks.createIndex(Indexes.ascending("_id", "holder"), new IndexOptions().unique(true).name("id_holder"));
  }

  private static String key(String projectId, String model) {
    return projectId + "|" + model;
  }

  /** Takes the model's lock for {@code holder} (again, if it holds it already); waits a while for another. */
  public void acquire(String projectId, String model, String holder) {
    String id = key(projectId, model);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        locks.insertOne(new Document("_id", id).append("holder", holder).append("at", Date.from(Instant.now(clock))));
        return;
      } catch (RuntimeException e) {
        if (!Duplicates.isDuplicateKey(e)) {
          throw e;
        }
      }
      Document current = locks.find(eq("_id", id)).first();
      if (current != null) {
        String by = current.getString("holder");
        if (by.equals(holder)) {
          return;
        }
        boolean stale = current.getDate("at").toInstant().plus(STALE).isBefore(Instant.now(clock));
        if (stale && locks.replaceOne(new Document("_id", id).append("holder", by), new Document("_id", id)
            .append("holder", holder).append("at", Date.from(Instant.now(clock)))).getModifiedCount() == 1) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("another workflow is changing the production version of model " + model
            + "; retried");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the production lock of model " + model);
      }
    }
  }

  public void release(String projectId, String model, String holder) {
    locks.deleteOne(new Document("_id", key(projectId, model)).append("holder", holder));
  }
}
