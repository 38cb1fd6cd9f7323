package dev.modelgate.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The embedded MongoDB-wire server: mongo-java-server with its H2 backend, one file in the data
 * directory, bound to loopback on a free port. The application talks to it with the official driver
 * exactly as it would to a real MongoDB.
 */
final class EmbeddedMongo implements AutoCloseable {

  static final String FILE_NAME = "modelgate.mv.db";

  private final MVStore mvStore;
  private final H2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;
  private final ReentrantLock commitLock = new ReentrantLock();

  private EmbeddedMongo(MVStore mvStore, H2Backend backend, MongoServer server, InetSocketAddress address) {
    this.mvStore = mvStore;
    this.backend = backend;
    this.server = server;
    this.address = address;
  }

  static EmbeddedMongo start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    MVStore mv;
    try {
      mv = new MVStore.Builder().fileName(file.toString()).open();
    } catch (MVStoreException e) {
      throw new StoreUnavailableException(
          "cannot open the embedded store " + file + " (is another ModelGate using this data directory?): "
              + e.getMessage(), e);
    }
    H2Backend backend = new H2Backend(mv);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    return new EmbeddedMongo(mv, backend, server, address);
  }

  String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /**
   * Commits the H2 file. A commit writes the pending chunk to the file, which survives the process being
   * killed. Concurrent callers share commits: whoever holds the lock commits everything written so far.
   */
  void commit() {
    commitLock.lock();
    try {
      if (mvStore.hasUnsavedChanges()) {
        backend.commit();
      }
    } finally {
      commitLock.unlock();
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    if (!mvStore.isClosed()) {
      mvStore.close();
    }
  }
}
