package dev.modelgate.bench;

import dev.modelgate.support.ApiResponse;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Latency sampling for the data-scale benchmarks: warm up, time sequential requests, print percentiles. */
public final class Latencies {

  private Latencies() {}

  /** One endpoint's percentiles in milliseconds. */
  public record Summary(String name, int samples, double p50, double p95, double p99, double max) {
    @Override
    public String toString() {
      return String.format("%-58s n=%5d  p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms  max=%7.2f ms", name, samples,
          p50, p95, p99, max);
    }
  }

  /** Sends {@code warmup} unrecorded requests, then {@code samples} timed ones; every answer must be 200. */
  public static Summary measure(String name, int warmup, int samples, IntFunction<ApiResponse> call) {
    for (int i = 0; i < warmup; i++) {
      check(name, call.apply(i));
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      ApiResponse r = call.apply(i);
      nanos[i] = System.nanoTime() - start;
      check(name, r);
    }
    return summarize(name, nanos);
  }

  public static Summary summarize(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Summary s = new Summary(name, sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
        sorted[sorted.length - 1] / 1e6);
    System.out.println(s);
    return s;
  }

  private static void check(String name, ApiResponse r) {
    if (r.status() != 200) {
      throw new IllegalStateException(name + " -> " + r);
    }
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
