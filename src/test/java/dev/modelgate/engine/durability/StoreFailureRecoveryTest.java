package dev.modelgate.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.modelgate.engine.DurabilityBarrier;
import dev.modelgate.engine.EmbeddedEngine;
import dev.modelgate.engine.EngineClock;
import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineSettings;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * The engine when its store cannot commit the log (as on a full disk): the commands of the failed batch
 * are refused, not acknowledged; while the store is down the engine refuses commands; once the store is
 * back the engine rebuilds its state from the log and works again, without what the log never got.
 */
class StoreFailureRecoveryTest {

  /** A barrier over an H2 file that, while broken, drops what was not committed (as H2 does) and throws. */
  private static final class BreakableBarrier implements DurabilityBarrier {
    private final MVStore mv;
    private final H2Backend backend;
    private volatile boolean broken;

    BreakableBarrier(MVStore mv, H2Backend backend) {
      this.mv = mv;
      this.backend = backend;
    }

    @Override
    public synchronized void awaitDurable(long mark) {
      if (broken) {
        mv.rollback();
        throw new IllegalStateException("No space left on device");
      }
      backend.commit();
    }

    @Override
    public boolean available() {
      return !broken;
    }
  }

  @Test
  void aFailedLogCommitIsRefusedAndTheEngineRebuildsFromTheLogOnceTheStoreIsBack() throws Exception {
    Path dir = Files.createTempDirectory("engine-store-failure-");
    MVStore mv = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).autoCommitDisabled().open();
    H2Backend backend = new H2Backend(mv);
    MongoServer mongo = new MongoServer(backend);
    InetSocketAddress address = mongo.bind();
    BreakableBarrier barrier = new BreakableBarrier(mv, backend);
    try (MongoClient mongoClient = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings("127.0.0.1", 0,
            mongoClient.getDatabase("modelgate"), barrier, EngineClock.SYSTEM));
        CamundaClient client = EngineHarness.newClient(engine.port())) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("p").startEvent()
          .serviceTask("t", t -> t.zeebeJobType("work")).endEvent().done(), "p.bpmn").send().join();
      long acknowledged = start(client, 1);

      barrier.broken = true;
      ClientStatusException refused = assertThrows(ClientStatusException.class, () -> start(client, 2));
      assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
      ClientStatusException whileDown = assertThrows(ClientStatusException.class, () -> start(client, 3));
      assertEquals(Status.Code.UNAVAILABLE, whileDown.getStatus().getCode(), whileDown::toString);

      barrier.broken = false;
      long[] after = {0};
      EngineHarness.await(() -> {
        try {
          after[0] = start(client, 4);
          return true;
        } catch (ClientStatusException e) {
          return false;
        }
      }, "the engine to take commands again");

      Set<Long> instances = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (instances.size() < 2 && System.nanoTime() < deadline) {
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(10)
            .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs();
        jobs.forEach(j -> instances.add(j.getProcessInstanceKey()));
      }
      assertEquals(Set.of(acknowledged, after[0]), instances, "the refused instances are not in the rebuilt state");
    } finally {
      mongo.shutdownNow();
      mv.close();
    }
  }

  private static long start(CamundaClient client, int n) {
    return client.newCreateInstanceCommand().bpmnProcessId("p").latestVersion().variables(Map.of("n", n))
        .send().join().getProcessInstanceKey();
  }
}
