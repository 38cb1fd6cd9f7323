package dev.modelgate.engine;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the embedded engine.
 *
 * @param host address the gRPC gateway listens on (default {@code 127.0.0.1})
 * @param port port of the gRPC gateway (default 26500; 0 picks a free port, see {@link EmbeddedEngine#port()})
 * @param database where the engine keeps its log and snapshots (collections {@code engine_log},
 *     {@code engine_snapshot})
 * @param barrier makes written log batches durable before replies are sent
 * @param clock the engine's time
 * @param restHost address the REST API ({@code /v2}) listens on (default: {@code host})
 * @param restPort port of the REST API (default 8088; 0 picks a free port, see {@link EmbeddedEngine#restPort()})
 * @param token the bearer token both APIs require when either listens beyond loopback; blank = none
 * @param historyRetention how long the event log's documents stay as queryable history after a snapshot
 *     covers them (default {@link #DEFAULT_HISTORY_RETENTION}; zero keeps no history beyond the snapshot)
 */
public record EngineSettings(String host, int port, MongoDatabase database, DurabilityBarrier barrier,
    EngineClock clock, String restHost, int restPort, String token, Duration historyRetention) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 26500;
  public static final int DEFAULT_REST_PORT = 8088;
  public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);

  public EngineSettings {
    Objects.requireNonNull(database, "database");
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    restHost = restHost == null || restHost.isBlank() ? host : restHost;
    barrier = barrier == null ? DurabilityBarrier.NONE : barrier;
    clock = clock == null ? EngineClock.SYSTEM : clock;
    token = token == null ? "" : token.strip();
    historyRetention = historyRetention == null ? DEFAULT_HISTORY_RETENTION : historyRetention;
    if (historyRetention.isNegative()) {
      throw new IllegalArgumentException("historyRetention must not be negative");
    }
  }

  /**
   * gRPC on {@code host:port}, REST on the same host: on a free port when {@code port} is 0 (tests), else on
   * the default REST port; no token; the default history retention.
   */
  public EngineSettings(String host, int port, MongoDatabase database, DurabilityBarrier barrier, EngineClock clock) {
    this(host, port, database, barrier, clock, host, port == 0 ? 0 : DEFAULT_REST_PORT, "", DEFAULT_HISTORY_RETENTION);
  }

  /** Default addresses, system clock. */
  public static EngineSettings of(MongoDatabase database, DurabilityBarrier barrier) {
    return new EngineSettings(DEFAULT_HOST, DEFAULT_PORT, database, barrier, EngineClock.SYSTEM);
  }

  public EngineSettings withPort(int port) {
    return new EngineSettings(host, port, database, barrier, clock, restHost, restPort, token, historyRetention);
  }

  public EngineSettings withClock(EngineClock clock) {
    return new EngineSettings(host, port, database, barrier, clock, restHost, restPort, token, historyRetention);
  }

  public EngineSettings withRest(String restHost, int restPort) {
    return new EngineSettings(host, port, database, barrier, clock, restHost, restPort, token, historyRetention);
  }

  public EngineSettings withToken(String token) {
    return new EngineSettings(host, port, database, barrier, clock, restHost, restPort, token, historyRetention);
  }

  public EngineSettings withHistoryRetention(Duration historyRetention) {
    return new EngineSettings(host, port, database, barrier, clock, restHost, restPort, token, historyRetention);
  }
}
