package dev.modelgate.engine;

import dev.modelgate.engine.grpc.GatewayService;
import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.rest.EngineRestServer;
import dev.modelgate.engine.rest.HistorySearches;
import dev.modelgate.engine.rest.EngineCalls;
import io.grpc.ServerInterceptors;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workflow engine inside the server that speaks the Zeebe gateway gRPC protocol, so that an
 * unmodified Camunda client ({@code preferRestOverGrpc(false)}, plaintext gRPC address) cannot
 * tell it from a Zeebe gateway for the supported RPCs and BPMN elements.
 *
 * <pre>{@code
 * EmbeddedEngine engine = EmbeddedEngine.start(EngineSettings.of(database, DurabilityBarrier.of(h2Backend::commit)));
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
 * <p>When the store cannot make the log durable (disk full, read-only), the engine answers nothing of the
 * batches involved, refuses commands as UNAVAILABLE, drops its in-memory state and, once the barrier
 * reports the store available again, rebuilds the state from the log ({@link EngineCore}) behind the same
 * gateway: clients see UNAVAILABLE for a while and then the engine as the log has it.
 *
 * <p>Beside the gateway, the engine serves the Orchestration Cluster REST API ({@link EngineRestServer},
 * under {@code /v2}) from the same queue. Off loopback both require a token ({@link EngineAccess}).
 *
 * <p>This package depends on nothing else of the application.
 */
public final class EmbeddedEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
  private static final long RECOVERY_PAUSE_MILLIS = 250;

  private final EngineSettings settings;
  private final Server server;
  private final EngineRestServer rest;
  private final HistorySearches searches;
  private final ScheduledExecutorService recovery;
  /** The state and writer in use; null while the state is rebuilt after a store failure. */
  private volatile EngineCore core;
  private volatile boolean closed;
  private final dev.modelgate.engine.history.HistoryQueries history;

  private EmbeddedEngine(EngineSettings settings) {
    long started = System.nanoTime();
    this.settings = settings;
    EngineAccess access = EngineAccess.of(settings); // before anything starts: a refusal leaves nothing behind
    this.history = new dev.modelgate.engine.history.HistoryQueries(settings.database());
    this.recovery = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "modelgate-engine-recovery");
      t.setDaemon(true);
      return t;
    });
    EngineCore first = EngineCore.rebuild(settings, this::onStoreFailure);
    this.core = first;
    GatewayService service = new GatewayService(this::submit, settings.host());
    try {
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
          .directExecutor() // the service only puts commands on the writer's queue; it never blocks
          .permitKeepAliveWithoutCalls(true)
          .permitKeepAliveTime(10, TimeUnit.SECONDS)
          .addService(ServerInterceptors.intercept(service, access.grpcInterceptor())).build().start();
      service.advertisePort(server.getPort());
    } catch (IOException e) {
      first.close();
      recovery.shutdownNow();
      throw new UncheckedIOException("cannot start the embedded engine's gateway on " + settings.host() + ":"
          + settings.port(), e);
    }
    this.searches = new HistorySearches(history);
    try {
      this.rest = EngineRestServer.start(settings.restHost(), settings.restPort(), access, settings.host(),
          server::getPort,
          new EngineRestServer.Parts(this::submit, searches, new UserTaskRestActions(userTasks()),
              this::broadcastSignal));
    } catch (RuntimeException e) {
      server.shutdownNow();
      searches.close();
      first.close();
      recovery.shutdownNow();
      throw e;
    }
    LOG.info("embedded engine listening on {}:{} (gRPC) and {}:{} (REST /v2){} (state rebuilt from snapshot {} and"
        + " {} event records in {} ms)", settings.host(), server.getPort(), settings.restHost(), rest.port(),
        access.required() ? ", bearer token required" : "", first.recovery().snapshotSeq(),
        first.recovery().eventsReplayed(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Starts the engine: rebuilds its state from the store, then opens the gateway. */
  public static EmbeddedEngine start(EngineSettings settings) {
    return new EmbeddedEngine(settings);
  }

  /** Commands on Camunda user tasks, for the REST API (the client has no gRPC calls for them). */
  public UserTaskCommands userTasks() {
    return new UserTaskCommands(this::submit);
  }

  /** Queries over the exported history (process instances, element instances, variables, jobs, …). */
  public dev.modelgate.engine.history.HistoryQueries history() {
    return history;
  }

  /**
   * A digest of the engine's whole state (order-independent where the state's order does not matter),
   * taken on the writer thread once everything processed before is durable: equal digests, equal states.
   */
  public Results.StateFingerprint stateFingerprint() {
    java.util.concurrent.CompletableFuture<Results.StateFingerprint> answer = new java.util.concurrent.CompletableFuture<>();
    submit(new Command.Fingerprint(), new Responder() {
      @Override
      public void succeed(Object result) {
        answer.complete((Results.StateFingerprint) result);
      }

      @Override
      public void reject(Rejection rejection) {
        answer.completeExceptionally(new IllegalStateException(rejection.message()));
      }
    });
    return answer.join();
  }

  /** How the state was rebuilt on start (or after the last store failure); null while rebuilding. */
  public EngineRecovery recovery() {
    EngineCore c = core;
    return c == null ? null : c.recovery();
  }

  /** The port the gateway listens on. */
  public int port() {
    return server.getPort();
  }

  /**
   * Evaluates a decision as the EvaluateDecision RPC does (REST's {@code POST /v2/decision-definitions/evaluation}
   * calls this too): the responder gets a {@link dev.modelgate.engine.processing.Results.DecisionEvaluation}, or a
   * {@link Rejection} (NOT_FOUND for an unknown decision, INVALID_ARGUMENT for neither id nor key or bad variables).
   * A decision that fails to evaluate is a success whose result says which decision failed and why.
   */
  public void evaluateDecision(Command.EvaluateDecision command, Responder responder) {
    submit(command, responder);
  }

  /** Broadcasts a signal as the BroadcastSignal RPC does (REST's {@code POST /v2/signals/broadcast}). */
  private java.util.concurrent.CompletableFuture<Long> broadcastSignal(String signalName, String variablesJson) {
    return new EngineCalls(this::submit).call(new Command.BroadcastSignal(signalName, variablesJson))
        .thenApply(r -> ((Results.Key) r).key());
  }

  /** The port the REST API ({@code /v2}) listens on. */
  public int restPort() {
    return rest.port();
  }

  private void submit(Command command, Responder responder) {
    EngineCore c = core;
    if (c == null) {
      responder.reject(new Rejection(Rejection.Type.UNAVAILABLE,
          "the embedded engine is rebuilding its state after a store failure; retry later"));
      return;
    }
    c.writer().submit(command, responder);
  }

  /** From the failed writer's thread: drop that state and rebuild from the log once the store is back. */
  private void onStoreFailure(Throwable cause) {
    try {
      recovery.execute(() -> {
        EngineCore failed = core;
        core = null;
        if (failed != null) {
          failed.close();
        }
        recover();
      });
    } catch (RejectedExecutionException closing) {
      LOG.debug("engine closing; no recovery after {}", cause.toString());
    }
  }

  private void recover() {
    if (closed) {
      return;
    }
    if (!settings.barrier().available()) {
      scheduleRecovery();
      return;
    }
    try {
      long t = System.nanoTime();
      EngineCore fresh = EngineCore.rebuild(settings, this::onStoreFailure);
      core = fresh;
      if (closed) {
        fresh.close();
        return;
      }
      LOG.warn("embedded engine rebuilt its state from the log after a store failure (snapshot {}, {} records,"
          + " {} ms); taking commands again", fresh.recovery().snapshotSeq(), fresh.recovery().eventsReplayed(),
          (System.nanoTime() - t) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.debug("embedded engine cannot rebuild yet: {}", e.toString());
      scheduleRecovery();
    }
  }

  private void scheduleRecovery() {
    try {
      recovery.schedule(this::recover, RECOVERY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      LOG.debug("engine closing; recovery stopped");
    }
  }

  /** Stops the gateway and the writer, and takes a snapshot so that the next start is fast. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    rest.close();
    searches.close();
    server.shutdown();
    recovery.shutdownNow();
    try {
      recovery.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EngineCore c = core;
    core = null;
    if (c != null) {
      c.writer().close(); // answers what waits (job streams, long polls), so the gateway can terminate
    }
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (c != null) {
      c.close();
    }
  }
}
