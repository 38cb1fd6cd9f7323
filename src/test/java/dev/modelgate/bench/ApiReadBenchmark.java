package dev.modelgate.bench;

import dev.modelgate.ModelGate;
import dev.modelgate.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API read benchmark (not a test). Starts the server with demo data on the embedded store, then reads
 * {@code GET /api/v1/model-versions/{id}} as a demo user with HTTP Basic:
 * phase 1, closed loop with {@code concurrency} requests in flight, for throughput;
 * phase 2, open loop at a fixed rate, latency measured from each request's scheduled time (so a
 * stalled server is not hidden by a waiting client).
 *
 * <p>Run alone on a quiet machine:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.modelgate.bench.ApiReadBenchmark -Dexec.args="30 30 1000"}
 * (warm-up seconds, measured seconds, fixed rate per second).
 */
public final class ApiReadBenchmark {

  public static void main(String[] args) throws Exception {
    int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    var dir = Files.createTempDirectory("modelgate-bench-");
    try (ModelGate server = ModelGate.start(ConfigLoader.load(Map.of("MODELGATE_HTTP_PORT", "0",
        "MODELGATE_DATA_DIR", dir.toString(), "MODELGATE_DEMO", "true", "MODELGATE_ENGINE_ADDRESS", "127.0.0.1:0",
        "MODELGATE_ENGINE_REST_ADDRESS", "127.0.0.1:0"),
        new String[0]))) {
      String base = "http://127.0.0.1:" + server.httpPort() + "/api/v1";
      HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
      String auth = "Basic " + Base64.getEncoder().encodeToString("bob:demo".getBytes(StandardCharsets.UTF_8));
      String versions = http.send(request(base + "/teams/fraud-detection/projects", auth),
          HttpResponse.BodyHandlers.ofString()).body();
      String project = new io.vertx.core.json.JsonObject(versions).getJsonArray("items").getJsonObject(0)
          .getString("id");
      String list = http.send(request(base + "/projects/" + project + "/model-versions", auth),
          HttpResponse.BodyHandlers.ofString()).body();
      String id = new io.vertx.core.json.JsonObject(list).getJsonArray("items").getJsonObject(0).getString("id");
      HttpRequest read = request(base + "/model-versions/" + id, auth);

      System.out.printf("warming up for %d s (closed loop, %d in flight)%n", warmupSeconds, concurrency);
      closedLoop(http, read, concurrency, warmupSeconds);
      for (int run = 1; run <= 3; run++) {
        Result r = closedLoop(http, read, concurrency, measureSeconds);
        System.out.printf("run %d closed loop: %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d%n", run,
            r.count / (double) measureSeconds, r.p(0.50), r.p(0.99), r.errors);
      }
      for (int run = 1; run <= 3; run++) {
        Result r = openLoop(http, read, rate, measureSeconds);
        System.out.printf("run %d fixed %d req/s: done %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d%n",
            run, rate, r.count, r.p(0.50), r.p(0.99), r.p(1.0), r.errors);
      }
    }
    System.exit(0);
  }

  private static HttpRequest request(String url, String auth) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).timeout(Duration.ofSeconds(30))
        .GET().build();
  }

  record Result(long count, long errors, List<Long> latenciesNanos) {
    double p(double q) {
      if (latenciesNanos.isEmpty()) {
        return Double.NaN;
      }
      int i = (int) Math.min(latenciesNanos.size() - 1, Math.ceil(q * latenciesNanos.size()) - 1);
      return latenciesNanos.get(Math.max(0, i)) / 1e6;
    }
  }

  private static Result closedLoop(HttpClient http, HttpRequest req, int concurrency, int seconds)
      throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loops.add(done);
      next(http, req, end, latencies, errors, done);
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(sorted.size(), errors.get(), sorted);
  }

  private static void next(HttpClient http, HttpRequest req, long end, ConcurrentLinkedQueue<Long> latencies,
      AtomicLong errors, CompletableFuture<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete(null);
      return;
    }
    long start = System.nanoTime();
    http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, t) -> {
      if (t != null || r.statusCode() != 200) {
        errors.incrementAndGet();
      } else {
        latencies.add(System.nanoTime() - start);
      }
      next(http, req, end, latencies, errors, done);
    });
  }

  private static Result openLoop(HttpClient http, HttpRequest req, int rate, int seconds) throws Exception {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    long total = (long) rate * seconds;
    long intervalNanos = 1_000_000_000L / rate;
    long t0 = System.nanoTime() + 10_000_000;
    List<CompletableFuture<?>> all = Collections.synchronizedList(new ArrayList<>());
    AtomicLong issued = new AtomicLong();
    // Send every request due by now, each timed from when it was due.
    var task = ticker.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      while (issued.get() < total) {
        long due = t0 + issued.get() * intervalNanos;
        if (due > now) {
          break;
        }
        issued.incrementAndGet();
        all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, t) -> {
          if (t != null || r.statusCode() != 200) {
            errors.incrementAndGet();
          } else {
            latencies.add(System.nanoTime() - due);
          }
        }));
      }
    }, 0, 1, TimeUnit.MILLISECONDS);
    while (issued.get() < total) {
      Thread.sleep(50);
    }
    task.cancel(false);
    ticker.shutdown();
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null).get();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(sorted.size(), errors.get(), sorted);
  }
}
