package dev.modelgate.engine.log;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.CommandProcessors;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import java.time.Instant;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates a data directory written before the event log: its snapshot (the same codec) is already
 * loaded; the command log after it is run once more through the command processors, at each command's
 * recorded time, which rebuilds the state through events as if it had been written by this version;
 * those events are written to the log too, as history, before the new snapshot that covers them.
 * The caller then takes a snapshot in the event log's format, which covers the whole command log, and
 * the command log is dropped behind it; {@link #markMigrated} leaves a note of it in the store.
 *
 * <p>This is the one place processing runs on start-up, and only once per data directory: a crash
 * before the new snapshot is durable leaves the command log in place, and the migration runs again.
 */
public final class LegacyLogMigration {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyLogMigration.class);
  private static final int EXPORT_CHUNK = 10_000;

  /** What a migration did. */
  public record Outcome(long commands, long rejected, long lastSeq) {}

  private LegacyLogMigration() {}

  public static Outcome migrate(LogStore logStore, long afterSeq, CommandProcessors processors) {
    long[] counts = new long[3];
    java.util.List<LoggedRecord> exported = new java.util.ArrayList<>();
    logStore.replayLegacy(afterSeq, (seq, entry) -> {
      Command command = CommandCodec.decode(entry);
      processors.process(command, new Responder() {
        @Override
        public void succeed(Object result) {}

        @Override
        public void reject(Rejection rejection) {
          counts[1]++;
          LOG.warn("migrating the command log: {} was rejected now: {}", command, rejection.message());
        }
      }, CommandCodec.timestamp(entry));
      // the state has the events; they are also written (covered by the new snapshot, so never
      // replayed) as the history of what happened since the old snapshot
      exported.addAll(processors.takeRecords());
      processors.takeAfterDurable();
      counts[0]++;
      counts[2] = seq;
    });
    for (int i = 0; i < exported.size(); i += EXPORT_CHUNK) {
      logStore.append(exported.subList(i, Math.min(exported.size(), i + EXPORT_CHUNK)));
    }
    return new Outcome(counts[0], counts[1], counts[2]);
  }

  /** Leaves a note that the command log up to {@code seq} was migrated. */
  public static void markMigrated(com.mongodb.client.MongoDatabase database, Outcome outcome, long atMillis) {
    database.getCollection(LogStore.SNAPSHOT).replaceOne(com.mongodb.client.model.Filters.eq("_id", "migration"),
        new Document("_id", "migration").append("from", "command log").append("commands", outcome.commands())
            .append("rejected", outcome.rejected()).append("upToSeq", outcome.lastSeq())
            .append("at", Instant.ofEpochMilli(atMillis).toString()),
        new com.mongodb.client.model.ReplaceOptions().upsert(true));
  }
}
