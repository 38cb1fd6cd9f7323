package dev.modelgate.engine;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.h2.mvstore.MVStore;

/**
 * Test fixture: the embedded engine on a random port, with its state in an embedded MongoDB-wire
 * server on an H2 file (committed by the durability barrier, as in the server), a clock the test
 * moves, and real CamundaClients: one over gRPC ({@link #client()}), one preferring the REST API with both
 * addresses set ({@link #restClient()}).
 */
public final class EngineHarness implements AutoCloseable {
  /** A clock that only moves when the test says so. */
  public static final class TestClock implements EngineClock {
    private final AtomicLong now = new AtomicLong(Instant0.START);

    @Override
    public long millis() {
      return now.get();
    }

    public void advance(Duration d) {
      now.addAndGet(d.toMillis());
    }

    /** Moves the clock forward to {@code millis} (never back). */
    public void advanceTo(long millis) {
      now.accumulateAndGet(millis, Math::max);
    }
  }

  private static final class Instant0 {
    static final long START = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  }

  public static final Duration DEADLINE = Duration.ofSeconds(20);

  public final TestClock clock = new TestClock();
  private final Path dir;
  private MVStore mvStore;
  private MongoServer mongoServer;
  private MongoClient mongoClient;
  private EmbeddedEngine engine;
  private CamundaClient client;
  private CamundaClient restClient;
  private final java.util.function.UnaryOperator<EngineSettings> customize;

  public EngineHarness() {
    this(tempDir());
  }

  /** An engine on the store in {@code dir} (its {@code store.mv}, created when missing). */
  public EngineHarness(Path dir) {
    this(dir, EngineSettings.DEFAULT_HISTORY_RETENTION);
  }

  /** An engine on the store in {@code dir} that keeps its history for {@code historyRetention}. */
  public EngineHarness(Path dir, Duration historyRetention) {
    this(dir, settings -> settings.withHistoryRetention(historyRetention));
  }

  /** With settings changed from the defaults above (e.g. another address, a token). */
  public EngineHarness(java.util.function.UnaryOperator<EngineSettings> customize) {
    this(tempDir(), customize);
  }

  private EngineHarness(Path dir, java.util.function.UnaryOperator<EngineSettings> customize) {
    this.dir = dir;
    this.customize = customize;
    start();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("engine-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void start() {
    start(db -> {});
  }

  private void start(java.util.function.Consumer<com.mongodb.client.MongoDatabase> beforeEngine) {
    mvStore = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).open();
    H2Backend backend = new H2Backend(mvStore);
    mongoServer = new MongoServer(backend);
    InetSocketAddress address = mongoServer.bind();
    mongoClient = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    beforeEngine.accept(mongoClient.getDatabase("modelgate"));
    try {
      engine = EmbeddedEngine.start(customize.apply(new EngineSettings("127.0.0.1", 0,
          mongoClient.getDatabase("modelgate"), dev.modelgate.engine.DurabilityBarrier.of(backend::commit), clock)));
    } catch (RuntimeException e) {
      mongoClient.close();
      mongoServer.shutdownNow();
      mvStore.close();
      throw e;
    }
    client = newClient(engine.port(), engine.restPort());
    restClient = newRestClient(engine.port(), engine.restPort());
  }

  /** A client with both addresses that prefers REST for every command that has a REST twin. */
  public static CamundaClient newRestClient(int grpcPort, int restPort) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
        .restAddress(URI.create("http://127.0.0.1:" + restPort))
        .preferRestOverGrpc(true)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** A client preferring gRPC; its REST address is a placeholder (for engines whose REST port is unknown). */
  public static CamundaClient newClient(int port) {
    return newClient(port, 1);
  }

  /** A client with both addresses that prefers gRPC (searches, which only REST has, still go to REST). */
  public static CamundaClient newClient(int grpcPort, int restPort) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
        .restAddress(URI.create("http://127.0.0.1:" + restPort))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** Closes everything and starts again on the same files (a clean restart). */
  public void restart() {
    stop();
    start();
  }

  /** Closes everything, lets {@code beforeEngine} change the store, and starts the engine again on it. */
  public void restart(java.util.function.Consumer<com.mongodb.client.MongoDatabase> beforeEngine) {
    stop();
    start(beforeEngine);
  }

  private void stop() {
    client.close();
    restClient.close();
    engine.close();
    mongoClient.close();
    mongoServer.shutdownNow();
    mvStore.close();
  }

  public CamundaClient client() {
    return client;
  }

  public CamundaClient restClient() {
    return restClient;
  }

  public EmbeddedEngine engine() {
    return engine;
  }

  public com.mongodb.client.MongoDatabase database() {
    return mongoClient.getDatabase("modelgate");
  }

  public DeploymentEvent deploy(BpmnModelInstance model) {
    return client.newDeployResourceCommand().addProcessModel(model, "process.bpmn").send().join();
  }

  public DeploymentEvent deployResource(String classpathResource) {
    return client.newDeployResourceCommand().addResourceFromClasspath(classpathResource).send().join();
  }

  public long start(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion().variables(variables)
        .send().join().getProcessInstanceKey();
  }

  /** Whether an element instance (e.g. a process instance) still exists. */
  public boolean isActive(long elementInstanceKey) {
    try {
      client.newSetVariablesCommand(elementInstanceKey).variables(Map.of()).send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  public void awaitCompleted(long processInstanceKey) {
    await(() -> !isActive(processInstanceKey), "process instance " + processInstanceKey + " to complete");
  }

  public static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Activates one job of the type, waiting for it to appear. */
  public ActivatedJob awaitJob(String type) {
    return awaitJobs(type, 1).get(0);
  }

  public List<ActivatedJob> awaitJobs(String type, int count) {
    List<ActivatedJob> jobs = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (jobs.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + count + " jobs of type " + type + ", got " + jobs.size());
      }
      jobs.addAll(client.newActivateJobsCommand().jobType(type).maxJobsToActivate(count - jobs.size())
          .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs());
    }
    return jobs;
  }

  /** Asserts that no job of the type is activatable right now. */
  public List<ActivatedJob> activateNow(String type) {
    return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).timeout(Duration.ofMinutes(5))
        .requestTimeout(Duration.ofMillis(-1)).send().join().getJobs();
  }

  public void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    stop();
  }
}
