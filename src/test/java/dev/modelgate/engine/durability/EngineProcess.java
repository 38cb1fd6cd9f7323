package dev.modelgate.engine.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A child JVM running {@link EngineProcessMain}. */
public final class EngineProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private EngineProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static EngineProcess start(Path dataDir, List<String> jvmOptions) throws IOException, InterruptedException {
    Path portFile = dataDir.resolve("port");
    Files.createDirectories(dataDir);
    Files.deleteIfExists(portFile);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineProcessMain.class.getName(),
        dataDir.toString(), portFile.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("engine.log").toFile())).start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(portFile)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("engine process did not start; see " + dataDir.resolve("engine.log"));
      }
      Thread.sleep(20);
    }
    return new EngineProcess(process, Integer.parseInt(Files.readString(portFile).strip()));
  }

  public int port() {
    return port;
  }

  /**
   * Asks the child for its state's digest (see EngineProcessMain): [sha256, last position, events
   * replayed at start, commands processed during that replay].
   */
  public String[] fingerprint(Path dataDir) throws IOException, InterruptedException {
    Path answer = dataDir.resolve("fingerprint");
    Files.deleteIfExists(answer);
    Files.writeString(dataDir.resolve("fingerprint-request"), "?");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(answer)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("no fingerprint from the engine process");
      }
      Thread.sleep(10);
    }
    return Files.readString(answer).strip().split(" ");
  }

  /** SIGKILL: no shutdown hook, no snapshot, no flush. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
