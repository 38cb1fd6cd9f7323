package dev.modelgate.engine;

import dev.modelgate.engine.event.EventApplier;
import dev.modelgate.engine.log.LegacyLogMigration;
import dev.modelgate.engine.log.LogStore;
import dev.modelgate.engine.log.SnapshotCodec;
import dev.modelgate.engine.processing.CommandProcessors;
import dev.modelgate.engine.processing.SingleWriter;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.state.EngineState;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state as rebuilt from the store (last snapshot plus the events after it, applied
 * without any processing) with the writer that moves it on. One lives per start, and a new one is
 * rebuilt after a store failure: the failed one's memory may hold batches the log never got, so it is
 * dropped, never resumed. A data directory still holding the command log of an older version is
 * migrated here once ({@link LegacyLogMigration}).
 */
final class EngineCore {
  private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);
  private static final int SNAPSHOT_EVERY_ENTRIES = 50_000;

  private final LogStore logStore;
  private final CommandProcessors processor;
  private final SingleWriter writer;
  private final EngineRecovery recovery;
  private long entriesSinceSnapshot;
  private long snapshotSeq;

  private EngineCore(EngineSettings settings, Consumer<Throwable> onFailure) {
    long started = System.nanoTime();
    long mark = settings.barrier().mark(); // a migration's writes must be durable before the engine answers
    this.logStore = new LogStore(settings.database(), settings.barrier(), settings.historyRetention(),
        settings.clock());
    EngineState state = new EngineState();
    Document snapshot = logStore.loadSnapshot();
    boolean legacySnapshot = false;
    if (snapshot != null) {
      snapshotSeq = ((Number) snapshot.get("seq")).longValue();
      legacySnapshot = snapshot.get("format") == null;
      SnapshotCodec.read(snapshot.get("state", Document.class), state);
    }
    EventApplier applier = new EventApplier(state);
    this.processor = new CommandProcessors(applier);
    long[] count = {0};
    boolean eventLog = logStore.replay(snapshotSeq, record -> {
      StateWriter.replay(applier, record);
      count[0]++;
    });
    long processedDuringReplay = processor.processedCommands();
    LegacyLogMigration.Outcome migrated = null;
    if (!eventLog) {
      migrated = LegacyLogMigration.migrate(logStore, snapshotSeq, processor);
      LOG.warn("migrated the command log of an older version: {} commands ({} rejected now) up to log document {}",
          migrated.commands(), migrated.rejected(), migrated.lastSeq());
    }
    this.recovery = new EngineRecovery(snapshotSeq, count[0], processedDuringReplay,
        migrated == null ? 0 : migrated.commands(), (System.nanoTime() - started) / 1_000_000);
    entriesSinceSnapshot = count[0];
    this.writer = new SingleWriter(processor, logStore, settings.barrier(), settings.clock(), this::afterBatch,
        onFailure);
    if (migrated != null || legacySnapshot) {
      // the new snapshot covers the whole command log, which is dropped behind it
      snapshot(logStore.lastSeq());
      if (migrated != null) {
        LegacyLogMigration.markMigrated(settings.database(), migrated, settings.clock().millis());
      }
      settings.barrier().awaitDurable(mark);
    }
  }

  /** Rebuilds the state from the store and starts its writer; {@code onFailure} hears of a store failure. */
  static EngineCore rebuild(EngineSettings settings, Consumer<Throwable> onFailure) {
    EngineCore core = new EngineCore(settings, onFailure);
    core.writer.start();
    return core;
  }

  SingleWriter writer() {
    return writer;
  }

  EngineRecovery recovery() {
    return recovery;
  }

  /** On the writer thread, after a batch was handed to the durability stage. */
  private void afterBatch(long ignored, int entries) {
    entriesSinceSnapshot += entries;
    if (entriesSinceSnapshot >= SNAPSHOT_EVERY_ENTRIES) {
      writer.awaitDurable();
      if (!writer.isFailed()) {
        snapshot(writer.durablePosition());
      }
    }
  }

  private void snapshot(long seq) {
    long t = System.nanoTime();
    logStore.saveSnapshot(SnapshotCodec.write(processor.state()), seq, snapshotSeq + 1);
    snapshotSeq = seq;
    entriesSinceSnapshot = 0;
    LOG.info("snapshot at log document {} (record position {}) took {} ms", seq, processor.state().lastPosition(),
        (System.nanoTime() - t) / 1_000_000);
  }

  /** Stops the writer; unless the store failed, takes a snapshot so that the next start is fast. */
  void close() {
    writer.close();
    if (writer.isFailed()) {
      logStore.abandon();
      return;
    }
    if (logStore.lastSeq() > snapshotSeq) {
      try {
        snapshot(logStore.lastSeq());
      } catch (RuntimeException e) {
        LOG.warn("could not take a snapshot on close", e);
      }
    }
    logStore.close();
  }
}
