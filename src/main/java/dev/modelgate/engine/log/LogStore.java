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
 * The engine's durable event log: one document per written group of batches ({@code _id} = sequence,
 * {@code f} = {@value #FORMAT}, {@code from}/{@code to} = the first and last record position, {@code b} =
 * the records as one blob in the {@link RecordCodec} format), written in one insert; plus the snapshot,
 * as a header document and chunks of at most 8 MB. Writes use a journaled write concern so that a real
 * MongoDB makes them durable before answering.
 *
 * <p>Documents without {@code f} are the command log of versions before the event log ({@code b} = a
 * BSON document {@code {e: [command…]}}); {@link dev.modelgate.engine.log.LegacyLogMigration} migrates them.
 *
 * <p>The log documents are also the exported history (queried by {@link
 * dev.modelgate.engine.history.HistoryQueries}): they stay for the history retention after a snapshot
 * covers them. Log records a snapshot covers are dropped only once that snapshot is durable: a store that fails
 * before committing it keeps the older snapshot, which still needs them.
 */
public final class LogStore {
  static final String LOG = "engine_log";
  /** The event log's format number, in every log document and in the snapshot header. */
  public static final int FORMAT = 2;
  static final String SNAPSHOT = "engine_snapshot";

  private final MongoCollection<Document> log;
  private final MongoCollection<Document> snapshots;
  private final dev.modelgate.engine.DurabilityBarrier barrier;
  private long nextSeq = 1;
  private final java.util.concurrent.ExecutorService cleaner = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        Thread t = new Thread(r, "modelgate-engine-log-cleaner");
        t.setDaemon(true);
        return t;
      });

  /** How long log documents stay as exported history once a snapshot covers them (zero: dropped then). */
  private final java.time.Duration historyRetention;
  private final dev.modelgate.engine.EngineClock clock;
  /** When the retained history was last swept for expired documents (a sweep reads the whole log). */
  private volatile long lastSweep = -1;
  private static final long SWEEP_EVERY_MILLIS = 3_600_000;

  public LogStore(MongoDatabase database, dev.modelgate.engine.DurabilityBarrier barrier,
      java.time.Duration historyRetention, dev.modelgate.engine.EngineClock clock) {
    this.barrier = barrier;
    this.historyRetention = historyRetention;
    this.clock = clock;
    // the database's own write concern (e.g. majority on a replica set), always journaled
    WriteConcern wc = database.getWriteConcern().withJournal(true);
    this.log = database.getCollection(LOG).withWriteConcern(wc);
    this.snapshots = database.getCollection(SNAPSHOT).withWriteConcern(wc);
    dev.modelgate.engine.history.HistoryIndex.ensureIndexes(log);
  }

  private static final int CHUNK = 8 * 1024 * 1024;
  private static final int DELETE_CHUNK = 32;
  private static final long DELETE_PAUSE_MILLIS = 5;

  /** The last snapshot: {@code seq} and {@code state}, or null when there is none. */
  public Document loadSnapshot() {
    Document header = snapshots.find(Filters.eq("_id", "state")).first();
    if (header == null) {
      return null;
    }
    int chunks = ((Number) header.get("chunks")).intValue();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < chunks; i++) {
      Document chunk = snapshots.find(Filters.eq("_id", "state-" + header.get("version") + "-" + i)).first();
      if (chunk == null) {
        throw new IllegalStateException("snapshot chunk " + i + " is missing");
      }
      bytes.writeBytes(chunk.get("b", org.bson.types.Binary.class).getData());
    }
    return new Document("seq", header.get("seq")).append("format", header.get("format"))
        .append("state", decode(bytes.toByteArray()));
  }

  static byte[] encode(Document document) {
    org.bson.RawBsonDocument raw = new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec());
    java.nio.ByteBuffer buffer = raw.getByteBuffer().asNIO();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  static Document decode(byte[] bytes) {
    return new org.bson.RawBsonDocument(bytes).decode(new org.bson.codecs.DocumentCodec());
  }

  /** The log documents after {@code afterSeq} in order; positions the writer after the last of the whole log. */
  private List<Document> after(long afterSeq) {
    List<Document> batches = new ArrayList<>();
    for (Document d : log.find(Filters.gt("_id", afterSeq))) {
      batches.add(d);
      nextSeq = Math.max(nextSeq, ((Number) d.get("_id")).longValue() + 1);
    }
    nextSeq = Math.max(nextSeq, afterSeq + 1);
    batches.sort(Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
    return batches;
  }

  /**
   * Reads the event records after {@code afterSeq} in order. Returns false, reading nothing, when
   * the log there is still the command log of an older version (see {@link LegacyLogMigration}).
   */
  public boolean replay(long afterSeq, Consumer<LoggedRecord> recordConsumer) {
    List<Document> batches = after(afterSeq);
    for (Document batch : batches) {
      if (batch.get("f") == null) {
        return false;
      }
    }
    for (Document batch : batches) {
      for (LoggedRecord r : RecordCodec.decode(batch.get("b", org.bson.types.Binary.class).getData())) {
        recordConsumer.accept(r);
      }
    }
    return true;
  }

  /** The commands of an older version's command log after {@code afterSeq}, in order, with their sequence. */
  void replayLegacy(long afterSeq, java.util.function.BiConsumer<Long, Document> entryConsumer) {
    for (Document batch : after(afterSeq)) {
      if (batch.get("f") != null) {
        throw new IllegalStateException("log document " + batch.get("_id") + " is an event batch after a command"
            + " log that was never migrated");
      }
      long seq = ((Number) batch.get("_id")).longValue();
      Document records = decode(batch.get("b", org.bson.types.Binary.class).getData());
      for (Document entry : records.getList("e", Document.class)) {
        entryConsumer.accept(seq, entry);
      }
    }
  }

  /**
   * Appends one group of records in one write: the records as one blob, and the history index of
   * the group (see {@link dev.modelgate.engine.history.HistoryIndex}); returns its sequence number.
   */
  public long append(List<LoggedRecord> records) {
    byte[] blob = RecordCodec.encode(records);
    long seq = nextSeq++;
    Document d = new Document("_id", seq).append("f", FORMAT).append("from", records.get(0).position())
        .append("to", records.get(records.size() - 1).position());
    dev.modelgate.engine.history.HistoryIndex.of(records).forEach(d::append);
    log.insertOne(d.append("b", new org.bson.types.Binary(blob)));
    return seq;
  }

  public long lastSeq() {
    return nextSeq - 1;
  }

  /**
   * Drops log documents a snapshot covers: all of them without history retention, else those older
   * than the retention, and any left of an older version's command log. Runs in the background, off
   * the writer's path.
   */
  private void drop(long mark, long from, long to) {
    long t0 = System.nanoTime();
    try {
      barrier.awaitDurable(mark); // the snapshot first: until it is in the file, the records are needed
      List<Long> ids = new ArrayList<>();
      if (historyRetention.isZero()) {
        for (long s = from; s <= to; s++) {
          ids.add(s);
        }
      } else {
        long now = clock.millis();
        if (lastSweep >= 0 && now - lastSweep < SWEEP_EVERY_MILLIS) {
          return; // days of retention: an hourly sweep is enough, and keeps the log's reads off the hot path
        }
        lastSweep = now;
        long cutoff = now - historyRetention.toMillis();
        for (Document d : log.find(Filters.and(Filters.lte("_id", to),
            // deployments stay: the history names every instance's process version and element kinds from them
            Filters.or(Filters.eq("f", null), Filters.and(Filters.lt("ts", cutoff), Filters.ne("d", true)))))
            .projection(new Document("_id", 1))) {
          ids.add(((Number) d.get("_id")).longValue());
        }
      }
      // small deletes with pauses: a big delete holds the embedded store's collection lock and
      // would stall the log appends (and so every reply) for as long as it runs
      for (int i = 0; i < ids.size(); i += DELETE_CHUNK) {
        log.deleteMany(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + DELETE_CHUNK))));
        Thread.sleep(DELETE_PAUSE_MILLIS);
      }
      org.slf4j.LoggerFactory.getLogger(LogStore.class).debug("dropped log records {}..{} in {} ms", from, to,
          (System.nanoTime() - t0) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(LogStore.class).warn("could not drop log records up to {}", to, e);
    }
  }

  /** Stops background clean-up without waiting (after a store failure: the store is being reopened). */
  public void abandon() {
    cleaner.shutdownNow();
  }

  /** Waits for background clean-up (on close). */
  public void close() {
    cleaner.shutdown();
    try {
      cleaner.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stores a snapshot that covers the log up to {@code seq}; the covered batches are dropped later. */
  public void saveSnapshot(Document state, long seq, long firstSeqToDrop) {
    long mark = barrier.mark();
    byte[] bytes = encode(state);
    Document old = snapshots.find(Filters.eq("_id", "state")).first();
    long version = old == null ? 1 : ((Number) old.get("version")).longValue() + 1;
    int chunks = Math.max(1, (bytes.length + CHUNK - 1) / CHUNK);
    for (int i = 0; i < chunks; i++) {
      byte[] part = java.util.Arrays.copyOfRange(bytes, i * CHUNK, Math.min(bytes.length, (i + 1) * CHUNK));
      snapshots.insertOne(new Document("_id", "state-" + version + "-" + i).append("b", new org.bson.types.Binary(part)));
    }
    // the header switches to the new chunks in one write; then the old chunks go
    snapshots.replaceOne(Filters.eq("_id", "state"), new Document("_id", "state").append("seq", seq)
        .append("format", FORMAT).append("version", version).append("chunks", chunks),
        new ReplaceOptions().upsert(true));
    if (old != null) {
      List<String> oldIds = new ArrayList<>();
      for (int i = 0; i < ((Number) old.get("chunks")).intValue(); i++) {
        oldIds.add("state-" + old.get("version") + "-" + i);
      }
      snapshots.deleteMany(Filters.in("_id", oldIds));
    }
    cleaner.execute(() -> drop(mark, firstSeqToDrop, seq));
  }
}
