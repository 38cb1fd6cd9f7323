package dev.modelgate.engine;

import dev.modelgate.engine.log.CommandCodec;
import dev.modelgate.engine.log.LogStore;
import dev.modelgate.engine.log.SnapshotCodec;
import dev.modelgate.engine.processing.CommandProcessor;
import dev.modelgate.engine.processing.SingleWriter;
import dev.modelgate.engine.state.EngineState;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state as rebuilt from the store (last snapshot plus the log after it) with the writer that
 * moves it on. One lives per start, and a new one is rebuilt after a store failure: the failed one's
 * memory may hold batches the log never got, so it is dropped, never resumed.
 */
final class EngineCore {
  private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);
  private static final int SNAPSHOT_EVERY_ENTRIES = 50_000;

  private final LogStore logStore;
  private final CommandProcessor processor;
  private final SingleWriter writer;
  private final long replayed;
  private long entriesSinceSnapshot;
  private long snapshotSeq;

  private EngineCore(EngineSettings settings, Consumer<Throwable> onFailure) {
    this.logStore = new LogStore(settings.database(), settings.barrier());
    EngineState state = new EngineState();
    Document snapshot = logStore.loadSnapshot();
    if (snapshot != null) {
      snapshotSeq = ((Number) snapshot.get("seq")).longValue();
      SnapshotCodec.read(snapshot.get("state", Document.class), state);
    }
    this.processor = new CommandProcessor(state);
    long[] count = {0};
    logStore.replay(snapshotSeq, entry -> {
      processor.replay(CommandCodec.decode(entry), CommandCodec.timestamp(entry));
      count[0]++;
    });
    this.replayed = count[0];
    entriesSinceSnapshot = replayed;
    this.writer = new SingleWriter(processor, logStore, settings.barrier(), settings.clock(), this::afterBatch,
        onFailure);
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

  long snapshotSeq() {
    return snapshotSeq;
  }

  long replayed() {
    return replayed;
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
    LOG.info("snapshot at log position {} took {} ms", seq, (System.nanoTime() - t) / 1_000_000);
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
