package dev.modelgate.engine.bench;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.history.HistoryFilter.ElementInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.IncidentFilter;
import dev.modelgate.engine.history.HistoryFilter.ProcessInstanceFilter;
import dev.modelgate.engine.history.HistoryQueries;
import dev.modelgate.engine.history.PageRequest;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

/**
 * Benchmark of the history searches (not a test): {@code -Dbench.instances} process instances (start →
 * service task → end; every 50th job failed without retries, so an incident), then p50/p99 of a
 * process-instance get, an element-instance search by instance, a process-instance search without a
 * filter (first page) and an incident search, each {@code -Dbench.rounds} times.
 *
 * <p>Run: {@code java -cp <test classpath> dev.modelgate.engine.bench.HistoryBenchmark}.
 */
public final class HistoryBenchmark {
  private HistoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("bench.instances", 5000);
    int rounds = Integer.getInteger("bench.rounds", 200);
    try (EngineHarness h = new EngineHarness()) {
      h.deploy(Bpmn.createExecutableProcess("bench").startEvent("s").serviceTask("work", t -> t.zeebeJobType("bench"))
          .endEvent("e").done());
      List<Long> keys = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i += 100) {
        List<CompletionStage<ProcessInstanceEvent>> started = new ArrayList<>();
        for (int j = i; j < Math.min(count, i + 100); j++) {
          started.add(h.client().newCreateInstanceCommand().bpmnProcessId("bench").latestVersion()
              .variables(Map.of("n", j)).send());
        }
        for (CompletionStage<ProcessInstanceEvent> s : started) {
          keys.add(s.toCompletableFuture().join().getProcessInstanceKey());
        }
      }
      int incidents = 0;
      int completed = 0;
      while (completed + incidents < count) {
        List<ActivatedJob> jobs = h.client().newActivateJobsCommand().jobType("bench").maxJobsToActivate(200).send().join()
            .getJobs();
        for (ActivatedJob job : jobs) {
          if ((completed + incidents) % 50 == 0) {
            h.client().newFailCommand(job).retries(0).errorMessage("bench").send().join();
            incidents++;
          } else {
            h.client().newCompleteCommand(job).send().join();
            completed++;
          }
        }
      }
      System.out.printf("history of %d instances (%d incidents) written in %d ms%n", count, incidents,
          (System.nanoTime() - t0) / 1_000_000);
      HistoryQueries history = h.engine().history();
      java.util.Random random = new java.util.Random(1);
      measure("process-instance get", rounds, i -> history.getProcessInstance(keys.get(random.nextInt(keys.size())))
          .orElseThrow());
      measure("element-instance search by instance", rounds, i -> history.searchElementInstances(
          new ElementInstanceFilter(keys.get(random.nextInt(keys.size())), null, null, null, null),
          PageRequest.firstPage()));
      measure("process-instance search, no filter, first page", rounds, i -> history.searchProcessInstances(
          ProcessInstanceFilter.any(), PageRequest.firstPage()));
      measure("incident search, no filter", rounds, i -> history.searchIncidents(
          new IncidentFilter(null, null, null, null), PageRequest.firstPage()));
    }
  }

  private static void measure(String what, int rounds, LongConsumer query) {
    for (int i = 0; i < 10; i++) {
      query.accept(-1); // warm-up: the first call builds what the later ones reuse, then the JIT
    }
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      query.accept(i);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf("%-50s p50 %8.2f ms  p99 %8.2f ms  (n=%d)%n", what, nanos[rounds / 2] / 1e6,
        nanos[(int) (rounds * 0.99)] / 1e6, rounds);
  }
}
