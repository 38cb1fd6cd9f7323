package dev.modelgate.engine.durability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.modelgate.engine.EmbeddedEngine;
import dev.modelgate.engine.EngineClock;
import dev.modelgate.engine.EngineSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * Runs the embedded engine in its own JVM, as the server does: H2 file store behind the
 * MongoDB-wire server, barrier = H2 commit. Writes the gateway port to a file, then runs until
 * killed. Used by the crash test and the benchmark.
 *
 * <p>Arguments: data directory, port file.
 */
public final class EngineProcessMain {
  private EngineProcessMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    MVStore mv = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).open();
    H2Backend backend = new H2Backend(mv);
    MongoServer server = new MongoServer(backend);
    InetSocketAddress address = server.bind();
    MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings("127.0.0.1", 0, client.getDatabase("modelgate"),
        dev.modelgate.engine.DurabilityBarrier.of(backend::commit), EngineClock.SYSTEM));
    Path portFile = Path.of(args[1]);
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(engine.port()));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    answerFingerprintRequests(dir, engine);
  }

  /**
   * While running: a file {@code fingerprint-request} in the data directory asks for the state's digest
   * and the start's recovery figures, answered in {@code fingerprint} (digest, last position, events
   * replayed, commands processed during replay).
   */
  private static void answerFingerprintRequests(Path dir, EmbeddedEngine engine) throws Exception {
    Path request = dir.resolve("fingerprint-request");
    Path answer = dir.resolve("fingerprint");
    while (true) {
      if (Files.exists(request)) {
        var fp = engine.stateFingerprint();
        var recovery = engine.recovery();
        Path tmp = dir.resolve("fingerprint.tmp");
        Files.writeString(tmp, fp.sha256() + " " + fp.lastPosition() + " " + recovery.eventsReplayed() + " "
            + recovery.commandsProcessedDuringReplay());
        Files.delete(request);
        Files.move(tmp, answer, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      Thread.sleep(10);
    }
  }
}
