package dev.modelgate.engine.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineTestBase;
import dev.modelgate.engine.history.HistoryFilter.ElementInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.IncidentFilter;
import dev.modelgate.engine.history.HistoryFilter.JobFilter;
import dev.modelgate.engine.history.HistoryFilter.ProcessInstanceFilter;
import dev.modelgate.engine.history.HistoryFilter.UserTaskFilter;
import dev.modelgate.engine.history.HistoryFilter.VariableFilter;
import dev.modelgate.engine.state.UserTask;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs processes through the real client, then reads what happened from the exported history. */
class HistoryQueriesTest extends EngineTestBase {

  private static HistoryQueries history() {
    return h.engine().history();
  }

  /** start → work (job) → gateway: approved → review (user task) → done; else → rejected. */
  private static String deployReview() {
    String pid = unique("hist");
    deploy(Bpmn.createExecutableProcess(pid).startEvent("start")
        .serviceTask("work", t -> t.zeebeJobType(pid + "-work"))
        .exclusiveGateway("ok").sequenceFlowId("no").defaultFlow().endEvent("rejected")
        .moveToNode("ok").sequenceFlowId("yes").conditionExpression("= approved")
        .userTask("review", u -> u.zeebeAssignee("=owner").zeebeCandidateGroups("compliance, " + pid))
        .endEvent("done").done());
    return pid;
  }

  private static ActivatedJob jobOf(String type, long processInstanceKey) {
    return h.awaitJobs(type, 1).stream().filter(j -> j.getProcessInstanceKey() == processInstanceKey).findFirst()
        .orElseThrow();
  }

  @Test
  void processInstancesElementInstancesFlowsVariablesAndJobs() {
    String pid = deployReview();
    long approved = start(pid, Map.of("approved", true, "owner", "carol"));
    h.complete(jobOf(pid + "-work", approved), Map.of("result", 42));
    long rejected = start(pid, Map.of("approved", false));
    h.complete(jobOf(pid + "-work", rejected), Map.of());
    h.awaitCompleted(rejected);

    ProcessInstanceView a = history().getProcessInstance(approved).orElseThrow();
    assertEquals("ACTIVE", a.state());
    assertEquals(pid, a.bpmnProcessId());
    assertEquals(1, a.version());
    assertEquals(-1, a.endDate());
    ProcessInstanceView r = history().getProcessInstance(rejected).orElseThrow();
    assertEquals("COMPLETED", r.state());
    assertTrue(r.endDate() >= r.startDate());

    Page<ProcessInstanceView> both = history().searchProcessInstances(
        new ProcessInstanceFilter(null, pid, null, null, null, null), new PageRequest(0, 10, "processInstanceKey", true));
    assertEquals(2, both.total());
    assertEquals(List.of(rejected, approved), both.items().stream().map(ProcessInstanceView::processInstanceKey).toList());
    Page<ProcessInstanceView> completed = history().searchProcessInstances(
        new ProcessInstanceFilter(null, pid, null, "COMPLETED", null, null), PageRequest.firstPage());
    assertEquals(List.of(rejected), completed.items().stream().map(ProcessInstanceView::processInstanceKey).toList());

    List<ElementInstanceView> elements = history().searchElementInstances(
        new ElementInstanceFilter(rejected, null, null, null, null), PageRequest.firstPage()).items();
    assertEquals(List.of(pid, "start", "work", "ok", "rejected"),
        elements.stream().map(ElementInstanceView::elementId).toList());
    assertTrue(elements.stream().allMatch(e -> e.state().equals("COMPLETED")));
    assertEquals("SERVICE_TASK", elements.get(2).type());
    assertEquals("EXCLUSIVE_GATEWAY", elements.get(3).type());
    List<ElementInstanceView> activeInA = history().searchElementInstances(
        new ElementInstanceFilter(approved, null, null, "ACTIVE", null), PageRequest.firstPage()).items();
    assertEquals(List.of(pid, "review"), activeInA.stream().map(ElementInstanceView::elementId).toList());

    List<String> flowsOfRejected = history().sequenceFlows(rejected).stream().map(SequenceFlowView::sequenceFlowId)
        .toList();
    assertTrue(flowsOfRejected.contains("no") && !flowsOfRejected.contains("yes"), flowsOfRejected.toString());
    assertEquals("rejected", history().sequenceFlows(rejected).getLast().targetId());

    Map<String, String> vars = history().searchVariables(new VariableFilter(approved, null, null),
        PageRequest.firstPage()).items().stream().collect(Collectors.toMap(VariableView::name, VariableView::value));
    assertEquals(Map.of("approved", "true", "owner", "\"carol\"", "result", "42"), vars);
    assertEquals(1, history().searchVariables(new VariableFilter(approved, approved, "result"), PageRequest.firstPage())
        .total());

    Map<String, String> jobStates = history().searchJobs(new JobFilter(approved, null, null, null),
        PageRequest.firstPage()).items().stream().collect(Collectors.toMap(JobView::elementId, JobView::state));
    assertEquals(Map.of("work", "COMPLETED", "review", "CREATED"), jobStates);
  }

  @Test
  void userTasksByCandidateGroupAssigneeAndState() {
    String pid = deployReview();
    long pi = start(pid, Map.of("approved", true, "owner", "dave"));
    h.complete(jobOf(pid + "-work", pi), Map.of());
    ActivatedJob review = jobOf("io.camunda.zeebe:userTask", pi);

    UserTaskFilter byGroup = new UserTaskFilter("CREATED", null, pid, null, null, null, null);
    List<UserTaskView> open = history().searchUserTasks(byGroup, PageRequest.firstPage()).items();
    assertEquals(1, open.size());
    UserTaskView task = open.get(0);
    assertEquals(review.getKey(), task.userTaskKey());
    assertEquals("dave", task.assignee());
    assertEquals(List.of("compliance", pid), task.candidateGroups());
    assertEquals("review", task.elementId());
    assertEquals(pi, task.processInstanceKey());
    assertEquals(task, history().getUserTask(task.userTaskKey()).orElseThrow());
    assertEquals(1, history().searchUserTasks(new UserTaskFilter(null, "dave", null, null, pid, null, null),
        PageRequest.firstPage()).total());

    h.complete(review, Map.of());
    h.awaitCompleted(pi);
    assertEquals(0, history().searchUserTasks(byGroup, PageRequest.firstPage()).total());
    UserTaskView done = history().searchUserTasks(new UserTaskFilter("COMPLETED", null, pid, null, null, null, null),
        PageRequest.firstPage()).items().get(0);
    assertEquals(task.userTaskKey(), done.userTaskKey());
    assertTrue(done.completionDate() >= done.creationDate());
  }

  @Test
  void incidentsAreActiveUntilResolved() {
    String pid = unique("hist-incident");
    deploy(Bpmn.createExecutableProcess(pid).startEvent().serviceTask("fragile", t -> t.zeebeJobType(pid))
        .endEvent().done());
    long pi = start(pid);
    ActivatedJob job = jobOf(pid, pi);
    client().newFailCommand(job.getKey()).retries(0).errorMessage("disk on fire").send().join();

    IncidentFilter active = new IncidentFilter(pi, "ACTIVE", null, null);
    List<IncidentView> incidents = history().searchIncidents(active, PageRequest.firstPage()).items();
    assertEquals(1, incidents.size());
    IncidentView incident = incidents.get(0);
    assertEquals("JOB_NO_RETRIES", incident.errorType());
    assertEquals("disk on fire", incident.errorMessage());
    assertEquals("fragile", incident.elementId());
    assertEquals(job.getKey(), incident.jobKey());
    assertTrue(history().getProcessInstance(pi).orElseThrow().hasIncident());
    assertEquals("FAILED", history().searchJobs(new JobFilter(pi, pid, null, null), PageRequest.firstPage()).items()
        .get(0).state());

    client().newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client().newResolveIncidentCommand(incident.incidentKey()).send().join();
    assertEquals(0, history().searchIncidents(active, PageRequest.firstPage()).total());
    assertEquals("RESOLVED", history().searchIncidents(new IncidentFilter(pi, null, null, null),
        PageRequest.firstPage()).items().get(0).state());
    assertTrue(!history().getProcessInstance(pi).orElseThrow().hasIncident());
  }

  @Test
  void searchesPageAndCountAndCancelledInstancesAreTerminated() {
    String pid = unique("hist-page");
    deploy(Bpmn.createExecutableProcess(pid).startEvent().serviceTask("t", t -> t.zeebeJobType(pid)).endEvent()
        .done());
    List<Long> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(start(pid));
    }
    client().newCancelInstanceCommand(keys.get(4)).send().join();
    ProcessInstanceFilter all = new ProcessInstanceFilter(null, pid, null, null, null, null);
    Page<ProcessInstanceView> second = history().searchProcessInstances(all, new PageRequest(2, 2, null, false));
    assertEquals(5, second.total());
    assertEquals(keys.subList(2, 4), second.items().stream().map(ProcessInstanceView::processInstanceKey).toList());
    assertEquals(List.of(keys.get(4)), history().searchProcessInstances(
        new ProcessInstanceFilter(null, pid, null, "TERMINATED", null, null), PageRequest.firstPage()).items().stream()
        .map(ProcessInstanceView::processInstanceKey).toList());
    assertEquals("CANCELED", history().searchJobs(new JobFilter(keys.get(4), null, null, null), PageRequest.firstPage())
        .items().get(0).state());
  }

  private static UserTask awaitTask(long pi, String elementId, UserTask.State state) {
    UserTask[] found = new UserTask[1];
    dev.modelgate.engine.EngineHarness.await(() -> {
      for (UserTask t : h.engine().userTasks().open().join()) {
        if (t.processInstanceKey() == pi && t.elementId().equals(elementId) && t.state() == state) {
          found[0] = t;
          return true;
        }
      }
      return false;
    }, "user task " + elementId + " of " + pi + " in state " + state);
    return found[0];
  }

  /** A Camunda user task (zeebe:userTask): its own key, its lifecycle state, changes by commands. */
  @Test
  void camundaUserTasksByStateCandidatesAssigneeProcessAndElement() {
    String pid = unique("hist-cut");
    deploy(Bpmn.createExecutableProcess(pid).startEvent()
        .userTask("approve", u -> u.zeebeUserTask().zeebeAssignee("=owner").zeebeCandidateGroups(pid + "-a"))
        .endEvent().done());
    long first = start(pid, Map.of("owner", "gina"));
    long second = start(pid, Map.of("owner", "hal"));
    UserTask t1 = awaitTask(first, "approve", UserTask.State.CREATED);
    UserTask t2 = awaitTask(second, "approve", UserTask.State.CREATED);

    UserTaskView v1 = history().getUserTask(t1.key()).orElseThrow();
    assertEquals("CREATED", v1.state());
    assertEquals("gina", v1.assignee());
    assertEquals(List.of(pid + "-a"), v1.candidateGroups());
    assertEquals(first, v1.processInstanceKey());
    assertEquals("approve", v1.elementId());
    assertEquals(pid, v1.bpmnProcessId());
    assertEquals(2, history().searchUserTasks(new UserTaskFilter("CREATED", null, pid + "-a", null, null, null, null),
        PageRequest.firstPage()).total());

    // a change by a command is found by its new values (the tag is on a later log document)
    h.engine().userTasks().update(t2.key(), new UserTask.Changes(null, List.of(pid + "-b"), null, null, null, 80),
        null).join();
    h.engine().userTasks().assign(t2.key(), "ivy", null, true).join();
    List<UserTaskView> byNewGroup = history().searchUserTasks(
        new UserTaskFilter(null, null, pid + "-b", null, null, null, null), PageRequest.firstPage()).items();
    assertEquals(List.of(t2.key()), byNewGroup.stream().map(UserTaskView::userTaskKey).toList());
    assertEquals("ivy", byNewGroup.get(0).assignee());
    assertEquals(80, byNewGroup.get(0).priority());
    assertEquals(0, history().searchUserTasks(new UserTaskFilter(null, null, pid + "-a", null, null, second, null),
        PageRequest.firstPage()).total(), "the old candidate group no longer matches");
    assertEquals(1, history().searchUserTasks(new UserTaskFilter(null, "ivy", null, null, pid, null, "approve"),
        PageRequest.firstPage()).total());

    h.engine().userTasks().complete(t1.key(), "{}", null).join();
    h.awaitCompleted(first);
    h.client().newCancelInstanceCommand(second).send().join();
    UserTaskView done = history().getUserTask(t1.key()).orElseThrow();
    assertEquals("COMPLETED", done.state());
    assertTrue(done.completionDate() >= done.creationDate());
    assertEquals("CANCELED", history().getUserTask(t2.key()).orElseThrow().state());
    assertEquals(List.of(t1.key()), history().searchUserTasks(
        new UserTaskFilter("COMPLETED", null, null, null, pid, null, null), PageRequest.firstPage()).items().stream()
        .map(UserTaskView::userTaskKey).toList());
  }
}
