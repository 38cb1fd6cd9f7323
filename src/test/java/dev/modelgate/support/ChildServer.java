package dev.modelgate.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server in a child JVM (the test's class path, {@code dev.modelgate.Main}), so a test can
 * SIGKILL it the way an operator's crash would and start it again on the same data directory.
 */
public final class ChildServer implements AutoCloseable {

  private static final int TAIL_LINES = 400;

  private final Process process;
  private final int port;
  private final Deque<String> tail = new ArrayDeque<>();

  private ChildServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A free TCP port on loopback, for a server that must come back on the same address. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server on {@code port} over {@code dataDir} and waits for its ready line (60 s at most). */
  public static ChildServer start(Path dataDir, int port, Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "dev.modelgate.Main", "--http-port", Integer.toString(port), "--data-dir", dataDir.toString(),
        "--engine-address", "127.0.0.1:0", "--engine-rest-address", "127.0.0.1:0");
    pb.environment().put("MODELGATE_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    pb.environment().put("MODELGATE_ACCESS_LOG_LEVEL", "WARN");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChildServer child = new ChildServer(p, port);
    child.awaitReady();
    return child;
  }

  private void awaitReady() {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      String line;
      while ((line = out.readLine()) != null) {
        remember(line);
        if (line.contains("ModelGate ready")) {
          Thread drain = new Thread(() -> drain(out), "child-server-output");
          drain.setDaemon(true);
          drain.start();
          return;
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
    } catch (IOException e) {
      // the child died; reported below
    }
    process.destroyForcibly();
    throw new AssertionError("child server did not start:\n" + output());
  }

  /** Keeps reading so the child never blocks on a full pipe; the last lines stay for failure messages. */
  private void drain(BufferedReader out) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        remember(line);
      }
    } catch (IOException ignored) {
      // child gone
    }
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }

  /** The last lines the child printed. */
  public synchronized String output() {
    return String.join("\n", tail);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public TestServerClients clients() {
    return new TestServerClients(baseUrl());
  }

  /** SIGKILL: no shutdown hook, no flush; what was not durable is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("child server did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
