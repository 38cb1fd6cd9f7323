package dev.modelgate.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB-wire server: mongo-java-server with its H2 backend, one file in the data
 * directory, bound to loopback on a free port. The application talks to it with the official driver
 * exactly as it would to a real MongoDB.
 *
 * <p>A full or read-only disk: H2 closes its MVStore for good after a failed write ("panic"), dropping
 * what was not committed. This class notices (a failed commit, or H2's background writer reporting the
 * failure), counts the store as unavailable and starts a probe. Every {@code probeInterval} the probe
 * writes a test file of {@value #PROBE_BYTES} bytes into the data directory, reopens the MVStore file
 * and commits a test write; once that works it switches a fresh H2 backend in under the running wire
 * server ({@link SwitchableBackend}) and the store is available again, with exactly what was committed
 * before the failure. Each failure and each reopening starts a new epoch, so a unit of work whose writes
 * went to the failed store can never pass the durability barrier on the reopened one.
 */
final class EmbeddedMongo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

  static final String FILE_NAME = "modelgate.mv.db";
  static final String PROBE_FILE_NAME = "modelgate.probe";
  static final int PROBE_BYTES = 1024 * 1024;
  private static final String PROBE_MAP = "modelgate.probe";

  /** The MVStore file currently open and the H2 backend on it. */
  private record Open(MVStore mvStore, H2Backend backend) {}

  private final Path dataDir;
  private final Path file;
  private final Duration probeInterval;
  private final SwitchableBackend backend;
  private final MongoServer server;
  private final InetSocketAddress address;
  private final ScheduledExecutorService prober;
  /** Guards commits, failing and reopening, so a commit never runs against a store being switched. */
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Open current;
  private volatile long epoch = 1;
  private volatile boolean available = true;
  private volatile String lastFailure = "";

  private EmbeddedMongo(Path dataDir, Path file, Duration probeInterval, Open first) {
    this.dataDir = dataDir;
    this.file = file;
    this.probeInterval = probeInterval;
    this.current = first;
    this.backend = new SwitchableBackend(first.backend());
    this.server = new MongoServer(backend);
    this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "modelgate-store-probe");
      t.setDaemon(true);
      return t;
    });
    server.bind("127.0.0.1", 0);
    this.address = server.getLocalAddress();
  }

  static EmbeddedMongo start(Path dataDir, Duration probeInterval) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    AtomicReference<EmbeddedMongo> self = new AtomicReference<>();
    AtomicReference<MVStore> opened = new AtomicReference<>();
    try {
      opened.set(open(file, e -> {
        EmbeddedMongo m = self.get();
        if (m != null) {
          m.failLater(opened.get(), e);
        }
      }));
    } catch (MVStoreException e) {
      throw new StoreUnavailableException(
          "cannot open the embedded store " + file + " (is another ModelGate using this data directory?): "
              + e.getMessage(), e);
    }
    self.set(new EmbeddedMongo(dataDir, file, probeInterval, new Open(opened.get(), new H2Backend(opened.get()))));
    return self.get();
  }

  /** Opens the MVStore file; H2's background writer reports a failed write to {@code onBackgroundFailure}. */
  private static MVStore open(Path file, Consumer<Throwable> onBackgroundFailure) {
    return new MVStore.Builder().fileName(file.toString())
        .backgroundExceptionHandler((thread, e) -> onBackgroundFailure.accept(e)).open();
  }

  /**
   * Handles a failure of {@code mv} on the probe thread: the thread that reports it may be H2's writer,
   * which a committing thread holding the lock waits for.
   */
  private void failLater(MVStore mv, Throwable cause) {
    try {
      prober.execute(() -> {
        lock.lock();
        try {
          Open open = current;
          if (open.mvStore() == mv) {
            fail(open, cause);
          }
        } finally {
          lock.unlock();
        }
      });
    } catch (RejectedExecutionException closing) {
      log.debug("store closing; failure not handled: {}", cause.toString());
    }
  }

  String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  long epoch() {
    return epoch;
  }

  /** Whether writes can be committed now (false from a failure until the probe reopened the file). */
  boolean available() {
    Open open = current;
    if (available && open.mvStore().isClosed()) {
      failLater(open.mvStore(), new IllegalStateException("the H2 store closed itself"));
      return false;
    }
    return available;
  }

  /** Why the store last became unavailable (empty when it never did). */
  String lastFailure() {
    return lastFailure;
  }

  /**
   * Commits the H2 file for writes made since {@code mark}. A commit writes the pending chunk to the file,
   * which survives the process being killed. Concurrent callers share commits: whoever holds the lock
   * commits everything written so far.
   */
  void commit(long mark) {
    lock.lock();
    try {
      if (!available) {
        throw unavailable("the embedded store is unavailable (" + lastFailure + "); waiting for the disk", null);
      }
      if (mark != epoch) {
        throw unavailable("the embedded store was reopened after a failure; these writes may be lost", null);
      }
      commitCurrent();
    } finally {
      lock.unlock();
    }
  }

  /** Commits whatever is pending, in whichever epoch (on close). */
  void commitAll() {
    lock.lock();
    try {
      if (available) {
        commitCurrent();
      }
    } finally {
      lock.unlock();
    }
  }

  private void commitCurrent() {
    Open open = current;
    try {
      if (open.mvStore().isClosed()) {
        throw new IllegalStateException("the H2 store closed itself");
      }
      if (open.mvStore().hasUnsavedChanges()) {
        open.backend().commit();
      }
    } catch (RuntimeException e) {
      fail(open, e);
      throw unavailable("the embedded store cannot write its file: " + e.getMessage(), e);
    }
  }

  /**
   * Counts the store as unavailable, drops what it did not commit (H2 has usually closed it already) and
   * starts probing. Holds the lock.
   */
  private void fail(Open failed, Throwable cause) {
    if (!available || failed != current) {
      return;
    }
    available = false;
    epoch++;
    lastFailure = String.valueOf(rootMessage(cause));
    log.error("the embedded store cannot write {} ({}); writes answer 503 until it can be reopened", file,
        lastFailure);
    try {
      failed.mvStore().closeImmediately();
    } catch (RuntimeException e) {
      log.debug("closing the failed store", e);
    }
    scheduleProbe();
  }

  private void scheduleProbe() {
    try {
      prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      log.debug("store closing; no probe");
    }
  }

  /** One probe; schedules the next unless the store is back (or closing). */
  private void probe() {
    if (prober.isShutdown() || available) {
      return;
    }
    try {
      reopen();
    } catch (IOException | RuntimeException e) {
      String reason = String.valueOf(rootMessage(e));
      if (!reason.equals(lastFailure)) {
        log.warn("the embedded store cannot be reopened yet: {}", reason);
      }
      lastFailure = reason; // what readiness reports: the latest reason, not the first
      scheduleProbe();
    }
  }

  private void reopen() throws IOException {
    writeTestFile();
    AtomicReference<MVStore> opened = new AtomicReference<>();
    opened.set(open(file, e -> failLater(opened.get(), e)));
    MVStore mv = opened.get();
    H2Backend fresh;
    try {
      mv.<String, Long>openMap(PROBE_MAP).put("probedAt", System.currentTimeMillis());
      mv.commit();
      fresh = new H2Backend(mv);
    } catch (RuntimeException e) {
      mv.closeImmediately();
      throw e;
    }
    Open previous;
    lock.lock();
    try {
      previous = current;
      current = new Open(mv, fresh);
      backend.switchTo(fresh);
      epoch++;
      available = true;
    } finally {
      lock.unlock();
    }
    try {
      previous.backend().close();
    } catch (RuntimeException e) {
      log.debug("closing the failed backend", e);
    }
    log.warn("the embedded store {} is writable again and was reopened; writes are accepted", file);
  }

  /** The data directory takes a real write of {@value #PROBE_BYTES} bytes, made durable; then it goes. */
  private void writeTestFile() throws IOException {
    Path probe = dataDir.resolve(PROBE_FILE_NAME);
    try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.allocate(PROBE_BYTES);
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(true);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private static StoreUnavailableException unavailable(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  @Override
  public void close() {
    prober.shutdownNow();
    server.shutdownNow();
    lock.lock();
    try {
      MVStore mv = current.mvStore();
      if (!mv.isClosed()) {
        if (available) {
          mv.close();
        } else {
          mv.closeImmediately();
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
