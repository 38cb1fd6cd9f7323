package dev.modelgate;

import dev.modelgate.config.Config;
import dev.modelgate.config.ConfigException;
import dev.modelgate.config.ConfigLoader;
import dev.modelgate.demo.DemoData;
import dev.modelgate.store.StoreUnavailableException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: read the configuration, start, print where to go, stop on SIGTERM. */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    long mainStarted = System.nanoTime();
    Config config;
    try {
      config = ConfigLoader.load(System.getenv(), args);
    } catch (ConfigException e) {
      System.err.println("modelgate: " + e.getMessage());
      System.exit(2);
      return;
    }
    log.info("ModelGate starting with configuration:\n{}", ConfigLoader.describe(config));
    ModelGate server;
    try {
      server = ModelGate.start(config);
    } catch (StoreUnavailableException e) {
      System.err.println("modelgate: " + e.getMessage());
      System.exit(3);
      return;
    }
    long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    log.info("ModelGate ready in {} ms (JVM up {} ms) on http://{}:{}/ (API docs at /api/docs)",
        (System.nanoTime() - mainStarted) / 1_000_000, sinceJvmStart, config.httpHost(), server.httpPort());
    if (config.demo()) {
      log.info("demo users (password '{}'): {}", DemoData.PASSWORD,
          DemoData.USERS.stream().map(u -> u.username() + " (" + u.role().id() + ")").toList());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("ModelGate stopping");
      server.close();
      log.info("ModelGate stopped");
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }
}
