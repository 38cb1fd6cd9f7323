package dev.modelgate.engine;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the embedded engine.
 *
 * @param host address the gateway listens on (default {@code 127.0.0.1})
 * @param port port of the gateway (default 26500; 0 picks a free port, see {@link EmbeddedEngine#port()})
 * @param database where the engine keeps its log and snapshots (collections {@code engine_log},
 *     {@code engine_snapshot})
 * @param barrier makes written log batches durable before replies are sent
 * @param clock the engine's time
 * @param historyRetention how long the event log's documents stay as queryable history after a snapshot
 *     covers them (default {@link #DEFAULT_HISTORY_RETENTION}; zero keeps no history beyond the snapshot)
 */
public record EngineSettings(String host, int port, MongoDatabase database, DurabilityBarrier barrier,
    EngineClock clock, Duration historyRetention) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 26500;
  public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);

  public EngineSettings {
    Objects.requireNonNull(database, "database");
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    barrier = barrier == null ? DurabilityBarrier.NONE : barrier;
    clock = clock == null ? EngineClock.SYSTEM : clock;
    historyRetention = historyRetention == null ? DEFAULT_HISTORY_RETENTION : historyRetention;
    if (historyRetention.isNegative()) {
      throw new IllegalArgumentException("historyRetention must not be negative");
    }
  }

  /** The default history retention. */
  public EngineSettings(String host, int port, MongoDatabase database, DurabilityBarrier barrier, EngineClock clock) {
    this(host, port, database, barrier, clock, DEFAULT_HISTORY_RETENTION);
  }

  /** Default address, system clock. */
  public static EngineSettings of(MongoDatabase database, DurabilityBarrier barrier) {
    return new EngineSettings(DEFAULT_HOST, DEFAULT_PORT, database, barrier, EngineClock.SYSTEM);
  }

  public EngineSettings withPort(int port) {
    return new EngineSettings(host, port, database, barrier, clock, historyRetention);
  }

  public EngineSettings withClock(EngineClock clock) {
    return new EngineSettings(host, port, database, barrier, clock, historyRetention);
  }

  public EngineSettings withHistoryRetention(Duration historyRetention) {
    return new EngineSettings(host, port, database, barrier, clock, historyRetention);
  }
}
