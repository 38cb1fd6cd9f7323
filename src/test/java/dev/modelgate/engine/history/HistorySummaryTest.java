package dev.modelgate.engine.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.history.HistoryFilter.IncidentFilter;
import dev.modelgate.engine.history.HistoryFilter.ProcessInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.UserTaskFilter;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The searches without a key answer from the history's summary rows: each answer must be what the
 * folds of the instances say, must see every acknowledged command at once, and must be the same after
 * a restart (the summaries rebuilt from the log).
 */
class HistorySummaryTest {

  @Test
  void searchesWithoutAKeyAgreeWithTheFoldsSeeEveryWriteAndSurviveARestart() throws Exception {
    try (EngineHarness h = new EngineHarness(Files.createTempDirectory("engine-summary"))) {
      h.deploy(Bpmn.createExecutableProcess("summed").startEvent().serviceTask("work", t -> t.zeebeJobType("sum"))
          .userTask("review", u -> u.zeebeAssignee("ann").zeebeCandidateGroups("audit")).endEvent().done());
      HistoryQueries history = h.engine().history();
      List<Long> keys = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        keys.add(h.start("summed", Map.of("i", i)));
        // read-your-writes: the instance just started is in the search without a filter
        assertEquals(i + 1, history.searchProcessInstances(ProcessInstanceFilter.any(), PageRequest.firstPage()).total());
      }
      List<ActivatedJob> jobs = h.awaitJobs("sum", 4);
      ActivatedJob failed = jobs.stream().filter(j -> j.getProcessInstanceKey() == keys.get(0)).findFirst().orElseThrow();
      h.client().newFailCommand(failed).retries(0).errorMessage("boom").send().join();
      assertEquals(1, history.searchIncidents(new IncidentFilter(null, "ACTIVE", null, null), PageRequest.firstPage())
          .total(), "the incident is in the search without an instance as soon as the failure is acknowledged");
      for (ActivatedJob job : jobs) {
        if (job != failed) {
          h.complete(job, Map.of());
        }
      }
      h.client().newCancelInstanceCommand(keys.get(3)).send().join();
      assertEquals(2, history.searchUserTasks(new UserTaskFilter("CREATED", null, "audit", null, null, null, null),
          PageRequest.firstPage()).total());
      assertEquals(1, history.searchUserTasks(new UserTaskFilter("CANCELED", null, null, null, null, null, null),
          PageRequest.firstPage()).total());

      Answers before = answers(history, keys);
      assertEquals("TERMINATED", before.instances.get(3).state());
      assertTrue(before.instances.get(0).hasIncident());
      assertEquals("summed", before.instances.get(1).bpmnProcessId());
      assertEquals(1, before.instances.get(1).version());
      assertEquals("boom", before.incidents.get(0).errorMessage());
      assertEquals("work", before.incidents.get(0).elementId());

      h.restart();
      assertEquals(before, answers(h.engine().history(), keys), "the summaries are rebuilt from the log");
    }
  }

  private record Answers(List<ProcessInstanceView> instances, List<IncidentView> incidents,
      List<UserTaskView> userTasks) {}

  /** The searches without a key, each checked against the folds of the instances it names. */
  private static Answers answers(HistoryQueries history, List<Long> keys) {
    List<ProcessInstanceView> instances = history.searchProcessInstances(ProcessInstanceFilter.any(),
        PageRequest.firstPage()).items();
    assertEquals(keys, instances.stream().map(ProcessInstanceView::processInstanceKey).toList());
    for (ProcessInstanceView v : instances) {
      assertEquals(history.getProcessInstance(v.processInstanceKey()).orElseThrow(), v);
    }
    assertEquals(instances, history.searchProcessInstances(new ProcessInstanceFilter(null, "summed", null, null, null,
        null), PageRequest.firstPage()).items());
    List<IncidentView> incidents = history.searchIncidents(new IncidentFilter(null, null, null, null),
        new PageRequest(0, 10, "creationTime", true)).items();
    assertEquals(1, incidents.size());
    assertEquals(history.searchIncidents(new IncidentFilter(keys.get(0), null, null, null), PageRequest.firstPage())
        .items(), incidents);
    List<UserTaskView> userTasks = history.searchUserTasks(UserTaskFilter.any(), PageRequest.firstPage()).items();
    assertEquals(3, userTasks.size(), "instances 1..3 reached the review; 3 was canceled there");
    for (UserTaskView t : userTasks) {
      assertEquals(history.getUserTask(t.userTaskKey()).orElseThrow(), t);
      assertEquals(List.of(t), history.searchUserTasks(new UserTaskFilter(null, null, null, null, null,
          t.processInstanceKey(), null), PageRequest.firstPage()).items());
    }
    return new Answers(instances, incidents, userTasks);
  }
}
