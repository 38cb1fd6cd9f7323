package dev.modelgate;

import dev.modelgate.config.Config;
import dev.modelgate.engine.EmbeddedEngine;
import dev.modelgate.engine.EngineSettings;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.WorkflowFeature;
import dev.modelgate.workflow.engine.CamundaProcessEngine;
import dev.modelgate.workflow.engine.ProcessEngine;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The workflow engine side: the embedded engine (if this process runs it), the client, the feature. */
record Workflowing(EmbeddedEngine embedded, ProcessEngine engine, WorkflowFeature feature) implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Workflowing.class);

  /**
   * The embedded engine on {@code MODELGATE_ENGINE_ADDRESS} unless {@code ZEEBE_GRPC_ADDRESS} names an
   * external Zeebe gateway; either way the workflow feature talks to it through the Camunda client.
   */
  static Workflowing startEngine(Config config, Store store, Clock clock) {
    EmbeddedEngine embedded = null;
    URI address;
    if (config.embeddedEngine()) {
      String hostPort = config.engineAddress();
      int colon = hostPort.lastIndexOf(':');
      String host = hostPort.substring(0, colon);
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      embedded = EmbeddedEngine.start(new EngineSettings(host, port, store.database(),
          engineBarrier(store.durability()), clock::millis, config.engineHistoryRetention()));
      address = URI.create("http://" + host + ":" + embedded.port());
    } else {
      address = URI.create(config.zeebeGrpcAddress().orElseThrow());
    }
    log.info("workflow engine: {} at {}", embedded == null ? "external Zeebe" : "embedded", address);
    return new Workflowing(embedded, new CamundaProcessEngine(CamundaProcessEngine.newClient(address),
        store.durability()), null);
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

  /** Waits for {@link #startEngine} run in the background, with its own failure rather than a wrapper. */
  static Workflowing await(CompletableFuture<Workflowing> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  Workflowing with(WorkflowFeature started) {
    return new Workflowing(embedded, engine, started);
  }

  @Override
  public void close() {
    try {
      if (feature != null) {
        feature.close();
      }
      engine.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
