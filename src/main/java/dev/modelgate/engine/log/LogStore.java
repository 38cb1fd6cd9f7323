package dev.modelgate.engine.log;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * The engine's durable log: one document per processed batch ({@code _id} = batch sequence,
 * {@code e} = the batch's records), written in one insert; plus one snapshot document. Writes use
 * a journaled write concern so that a real MongoDB makes them durable before answering.
 */
public final class LogStore {
  static final String LOG = "engine_log";
  static final String SNAPSHOT = "engine_snapshot";

  private final MongoCollection<Document> log;
  private final MongoCollection<Document> snapshots;
  private long nextSeq = 1;

  public LogStore(MongoDatabase database) {
    WriteConcern wc = WriteConcern.ACKNOWLEDGED.withJournal(true);
    this.log = database.getCollection(LOG).withWriteConcern(wc);
    this.snapshots = database.getCollection(SNAPSHOT).withWriteConcern(wc);
  }

  public Document loadSnapshot() {
    return snapshots.find(Filters.eq("_id", "state")).first();
  }

  /** Reads the batches after {@code afterSeq} in order, and positions the writer after the last. */
  public void replay(long afterSeq, Consumer<Document> entryConsumer) {
    List<Document> batches = new ArrayList<>();
    for (Document d : log.find()) {
      if (((Number) d.get("_id")).longValue() > afterSeq) {
        batches.add(d);
      }
      nextSeq = Math.max(nextSeq, ((Number) d.get("_id")).longValue() + 1);
    }
    nextSeq = Math.max(nextSeq, afterSeq + 1);
    batches.sort(Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
    for (Document batch : batches) {
      for (Document entry : batch.getList("e", Document.class)) {
        entryConsumer.accept(entry);
      }
    }
  }

  /** Appends one batch in one write; returns its sequence number. */
  public long append(List<Document> entries) {
    long seq = nextSeq++;
    log.insertOne(new Document("_id", seq).append("e", entries));
    return seq;
  }

  public long lastSeq() {
    return nextSeq - 1;
  }

  /** Stores a snapshot that covers the log up to {@code seq}, then drops those batches. */
  public void saveSnapshot(Document state, long seq, long firstSeqToDrop) {
    snapshots.replaceOne(Filters.eq("_id", "state"), new Document("_id", "state").append("seq", seq)
        .append("state", state), new ReplaceOptions().upsert(true));
    List<Long> ids = new ArrayList<>();
    for (long s = firstSeqToDrop; s <= seq; s++) {
      ids.add(s);
      if (ids.size() == 500) {
        log.deleteMany(Filters.in("_id", ids));
        ids.clear();
      }
    }
    if (!ids.isEmpty()) {
      log.deleteMany(Filters.in("_id", ids));
    }
  }
}
