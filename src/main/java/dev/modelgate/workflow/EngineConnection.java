package dev.modelgate.workflow;

import dev.modelgate.config.Config;
import dev.modelgate.engine.EmbeddedEngine;
import dev.modelgate.engine.EngineSettings;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.engine.CamundaProcessEngine;
import dev.modelgate.workflow.engine.ProcessEngine;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The workflow engine side: the embedded engine (if this process runs it) and the client talking to it. */
public record EngineConnection(EmbeddedEngine embedded, ProcessEngine engine) implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EngineConnection.class);

  /**
   * The embedded engine on {@code MODELGATE_ENGINE_ADDRESS} unless {@code ZEEBE_GRPC_ADDRESS} names an
   * external Zeebe gateway; either way the workflow feature talks to it through the Camunda client.
   */
  public static EngineConnection start(Config config, Store store, Clock clock) {
    EmbeddedEngine embedded = null;
    URI address;
    URI restAddress;
    String token = "";
    if (config.embeddedEngine()) {
      String[] grpc = hostAndPort(config.engineAddress());
      String[] rest = hostAndPort(config.engineRestAddress());
      token = config.engineToken().orElse("");
      embedded = EmbeddedEngine.start(new EngineSettings(grpc[0], Integer.parseInt(grpc[1]), store.database(),
          engineBarrier(store.durability()), clock::millis, rest[0], Integer.parseInt(rest[1]), token,
          config.engineHistoryRetention()));
      address = URI.create("http://" + clientHost(grpc[0]) + ":" + embedded.port());
      restAddress = URI.create("http://" + clientHost(rest[0]) + ":" + embedded.restPort());
    } else {
      address = URI.create(config.zeebeGrpcAddress().orElseThrow());
      restAddress = URI.create("http://" + address.getHost() + ":8080"); // a Camunda 8 gateway's REST port
    }
    log.info("workflow engine: {} at {} (REST {})", embedded == null ? "external Zeebe" : "embedded", address,
        restAddress);
    return new EngineConnection(embedded, new CamundaProcessEngine(CamundaProcessEngine.newClient(address, restAddress,
        token), store.durability()));
  }

  private static String[] hostAndPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
  }

  /** The address this process reaches a listener on: a wildcard bind is reached through loopback. */
  private static String clientHost(String bindHost) {
    return bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]") ? "127.0.0.1" : bindHost;
  }

  /** The engine's view of the store's barrier: same marks, same availability, same recovery. */
  private static dev.modelgate.engine.DurabilityBarrier engineBarrier(dev.modelgate.store.DurabilityBarrier store) {
    return new dev.modelgate.engine.DurabilityBarrier() {
      @Override
      public void awaitDurable(long mark) {
        store.awaitDurable(mark);
      }

      @Override
      public long mark() {
        return store.mark();
      }

      @Override
      public boolean available() {
        return store.available();
      }
    };
  }

  /** Waits for {@link #start} run in the background, with its own failure rather than a wrapper. */
  public static EngineConnection await(CompletableFuture<EngineConnection> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
