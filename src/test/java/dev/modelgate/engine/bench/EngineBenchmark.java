package dev.modelgate.engine.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.modelgate.engine.EmbeddedEngine;
import dev.modelgate.engine.EngineClock;
import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineSettings;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * Benchmark of the embedded engine, durable (H2 file store, commit before every reply), driven by
 * the real CamundaClient over gRPC: a process with 3 service tasks, one streaming job worker per
 * task type completing jobs.
 *
 * <p>Phase 1 (throughput): a fixed number of instances in flight (CreateProcessInstanceWithResult),
 * for {@code -Dbench.seconds} after {@code -Dbench.warmup} seconds of warm-up. Phase 2 (latency):
 * instances started at half the measured rate; prints p50/p99 of instance latency.
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench-engine -DskipTests test} (see the README of the engine
 * package) or {@code java -cp <test classpath> dev.modelgate.engine.bench.EngineBenchmark}.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int warmup = Integer.getInteger("bench.warmup", 30);
    int seconds = Integer.getInteger("bench.seconds", 30);
    int inFlight = Integer.getInteger("bench.inflight", 64);
    Path dir = Files.createTempDirectory("engine-bench");
    MVStore mv = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).open();
    H2Backend backend = new H2Backend(mv);
    MongoServer mongo = new MongoServer(backend);
    InetSocketAddress address = mongo.bind();
    MongoClient mongoClient = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    Latencies commits = new Latencies();
    EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings("127.0.0.1", 0,
        mongoClient.getDatabase("bench"), mark -> {
          long t0 = System.nanoTime();
          backend.commit();
          commits.add(System.nanoTime() - t0);
        }, EngineClock.SYSTEM));
    CamundaClient client = EngineHarness.newClient(engine.port());
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("bench").startEvent()
        .serviceTask("t1", t -> t.zeebeJobType("bench-1")).serviceTask("t2", t -> t.zeebeJobType("bench-2"))
        .serviceTask("t3", t -> t.zeebeJobType("bench-3")).endEvent().done(), "bench.bpmn").send().join();
    AtomicLong tasks = new AtomicLong();
    List<JobWorker> workers = new ArrayList<>();
    for (String type : List.of("bench-1", "bench-2", "bench-3")) {
      workers.add(client.newWorker().jobType(type).handler((c, job) -> c.newCompleteCommand(job.getKey()).send()
          .whenComplete((r, e) -> {
            if (e == null) {
              tasks.incrementAndGet();
            }
          })).maxJobsActive(512).streamEnabled(true).timeout(Duration.ofMinutes(1)).open());
    }

    System.out.printf("engine benchmark: %d s warm-up, %d s measured, %d instances in flight, cores=%d%n",
        warmup, seconds, inFlight, Runtime.getRuntime().availableProcessors());
    closedLoop(client, inFlight, warmup, tasks, false);
    double rate = closedLoop(client, inFlight, seconds, tasks, true);
    openLoop(client, Math.max(1, rate / 2), seconds);
    System.out.printf("store: %d commits (one per written group of batches), commit time p50 %.2f ms, p99 %.2f ms,"
        + " max %.1f ms%n", commits.size(), commits.percentile(50), commits.percentile(99), commits.percentile(100));

    workers.forEach(JobWorker::close);
    client.close();
    engine.close();
    mongoClient.close();
    mongo.shutdownNow();
    mv.close();
    System.exit(0);
  }

  private static double closedLoop(CamundaClient client, int inFlight, int seconds, AtomicLong tasks, boolean report)
      throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    long cpuBefore = processCpuNanos();
    long gcBefore = gcMillis();
    Latencies latencies = new Latencies();
    AtomicLong completed = new AtomicLong();
    long tasksBefore = tasks.get();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      long t0 = System.nanoTime();
      client.newCreateInstanceCommand().bpmnProcessId("bench").latestVersion().withResult()
          .requestTimeout(Duration.ofSeconds(60)).send().whenComplete((r, e) -> {
            if (e == null && System.nanoTime() <= end) {
              latencies.add(System.nanoTime() - t0);
              completed.incrementAndGet();
            }
            slots.release();
          });
    }
    slots.acquire(inFlight);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double rate = completed.get() / (double) seconds;
    if (report) {
      System.out.printf("phase 1 (max): %.0f instances/s, %.0f task completions/s, latency p50 %.1f ms, p99 %.1f ms"
          + " (%d instances in %.1f s)%n", rate, (tasks.get() - tasksBefore) / elapsed, latencies.percentile(50),
          latencies.percentile(99), completed.get(), elapsed);
      double cpu = (processCpuNanos() - cpuBefore) / 1e9;
      System.out.printf("         CPU used %.1f s of %.1f s wall (%.2f cores), %.2f ms CPU per instance, GC %d ms;"
          + " machine load average %.1f%n", cpu, elapsed, cpu / elapsed, cpu * 1000 / Math.max(1, completed.get()),
          gcMillis() - gcBefore, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
              .getSystemLoadAverage());
    } else {
      System.out.printf("warm-up: %.0f instances/s%n", rate);
    }
    return rate;
  }

  private static void openLoop(CamundaClient client, double rate, int seconds) throws InterruptedException {
    Latencies latencies = new Latencies();
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    long periodNanos = (long) (1e9 / rate);
    long total = (long) (rate * seconds);
    AtomicLong started = new AtomicLong();
    long phaseStart = System.nanoTime();
    java.util.concurrent.ConcurrentSkipListMap<Long, Long> slowBySecond = new java.util.concurrent.ConcurrentSkipListMap<>();
    scheduler.scheduleAtFixedRate(() -> {
      if (started.incrementAndGet() > total) {
        return;
      }
      long t0 = System.nanoTime();
      client.newCreateInstanceCommand().bpmnProcessId("bench").latestVersion().withResult()
          .requestTimeout(Duration.ofSeconds(60)).send().whenComplete((r, e) -> {
            if (e == null) {
              long latency = System.nanoTime() - t0;
              latencies.add(latency);
              completed.incrementAndGet();
              if (latency > 100_000_000L) {
                slowBySecond.merge((t0 - phaseStart) / 1_000_000_000L, 1L, Long::sum);
              }
            } else {
              failed.incrementAndGet();
            }
          });
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60);
    while (completed.get() + failed.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    scheduler.shutdownNow();
    if (!slowBySecond.isEmpty()) {
      System.out.println("phase 2: instances slower than 100 ms, by second of start: " + slowBySecond);
    }
    System.out.printf("phase 2 (half load, %.0f instances/s = %.0f task completions/s offered): latency p50 %.1f ms,"
        + " p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%d completed, %d failed); machine load average"
        + " %.1f%n", rate, rate * 3, latencies.percentile(50), latencies.percentile(90), latencies.percentile(99),
        latencies.percentile(99.9), latencies.percentile(100), completed.get(), failed.get(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private static long gcMillis() {
    long total = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
        .getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Collected latencies in nanoseconds. */
  static final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized int size() {
      return size;
    }

    synchronized double percentile(double p) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }
}
