package dev.modelgate.engine;

import dev.modelgate.engine.grpc.GatewayService;
import dev.modelgate.engine.log.CommandCodec;
import dev.modelgate.engine.log.LogStore;
import dev.modelgate.engine.log.SnapshotCodec;
import dev.modelgate.engine.processing.CommandProcessor;
import dev.modelgate.engine.processing.SingleWriter;
import dev.modelgate.engine.state.EngineState;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workflow engine inside the server that speaks the Zeebe gateway gRPC protocol, so that an
 * unmodified Camunda client ({@code preferRestOverGrpc(false)}, plaintext gRPC address) cannot
 * tell it from a Zeebe gateway for the supported RPCs and BPMN elements.
 *
 * <pre>{@code
 * EmbeddedEngine engine = EmbeddedEngine.start(EngineSettings.of(database, h2Backend::commit));
 * // ... CamundaClient against http://127.0.0.1:engine.port()
 * engine.close();
 * }</pre>
 *
 * <p>Design: every RPC becomes a command on one queue; a single writer processes a batch of
 * commands against the in-memory state, appends the batch's records to the {@code engine_log}
 * collection in one write, calls the {@link DurabilityBarrier}, and only then replies. On start
 * the state is rebuilt from the last snapshot ({@code engine_snapshot}) plus the log after it;
 * snapshots are taken periodically and on close. Timers, job deadlines and message time-to-live
 * follow the {@link EngineClock}.
 *
 * <p>This package depends on nothing else of the application.
 */
public final class EmbeddedEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
  private static final int SNAPSHOT_EVERY_ENTRIES = 50_000;

  private final Server server;
  private final SingleWriter writer;
  private final CommandProcessor processor;
  private final LogStore logStore;
  private long entriesSinceSnapshot;
  private long snapshotSeq;
  private volatile boolean closed;

  private EmbeddedEngine(EngineSettings settings) {
    long started = System.nanoTime();
    this.logStore = new LogStore(settings.database());
    EngineState state = new EngineState();
    Document snapshot = logStore.loadSnapshot();
    if (snapshot != null) {
      snapshotSeq = ((Number) snapshot.get("seq")).longValue();
      SnapshotCodec.read(snapshot.get("state", Document.class), state);
    }
    this.processor = new CommandProcessor(state);
    long[] replayed = {0};
    logStore.replay(snapshotSeq, entry -> {
      processor.replay(CommandCodec.decode(entry), CommandCodec.timestamp(entry));
      replayed[0]++;
    });
    entriesSinceSnapshot = replayed[0];
    this.writer = new SingleWriter(processor, logStore, settings.barrier(), settings.clock(), this::afterBatch);
    writer.start();
    GatewayService service = new GatewayService(writer, settings.host());
    try {
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
          .directExecutor() // the service only puts commands on the writer's queue; it never blocks
          .permitKeepAliveWithoutCalls(true)
          .permitKeepAliveTime(10, TimeUnit.SECONDS)
          .addService(service).build().start();
      service.advertisePort(server.getPort());
    } catch (IOException e) {
      writer.close();
      throw new UncheckedIOException("cannot start the embedded engine's gateway on " + settings.host() + ":"
          + settings.port(), e);
    }
    LOG.info("embedded engine listening on {}:{} (state rebuilt from snapshot {} and {} log records in {} ms)",
        settings.host(), server.getPort(), snapshotSeq, replayed[0], (System.nanoTime() - started) / 1_000_000);
  }

  /** Starts the engine: rebuilds its state from the store, then opens the gateway. */
  public static EmbeddedEngine start(EngineSettings settings) {
    return new EmbeddedEngine(settings);
  }

  /** The port the gateway listens on. */
  public int port() {
    return server.getPort();
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

  /** Stops the gateway and the writer, and takes a snapshot so that the next start is fast. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    writer.close();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!writer.isFailed() && logStore.lastSeq() > snapshotSeq) {
      try {
        snapshot(logStore.lastSeq());
      } catch (RuntimeException e) {
        LOG.warn("could not take a snapshot on close", e);
      }
    }
    logStore.close();
  }
}
