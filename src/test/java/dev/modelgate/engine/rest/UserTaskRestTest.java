package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Camunda user tasks over REST v2 through the real Camunda client: search and get read the exported
 * history, assign, unassign, update and complete go to the engine's user task commands.
 */
class UserTaskRestTest extends EngineTestBase {

  private static CamundaClient rest() {
    return h.restClient();
  }

  private static ProblemException problem(Executable call) {
    Throwable t = assertThrows(Throwable.class, call);
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof ProblemException p)) {
      throw new AssertionError("expected a problem answer, got " + t, t);
    }
    return p;
  }

  /** A process with one Camunda user task, then a service task that shows the task's variables. */
  private static String deployReview(String group) {
    String id = unique("review");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", u -> u.name("Review").zeebeUserTask().zeebeCandidateGroups(group))
        .serviceTask("after", t -> t.zeebeJobType(id + "-after")).endEvent().done());
    return id;
  }

  /** The task of the instance once the history shows it in {@code state}. */
  private static UserTask awaitTask(long processInstanceKey, UserTaskState state) {
    UserTask[] found = new UserTask[1];
    EngineHarness.await(() -> {
      List<UserTask> items = rest().newUserTaskSearchRequest()
          .filter(f -> f.processInstanceKey(processInstanceKey)).send().join().items();
      if (items.size() == 1 && items.get(0).getState() == state) {
        found[0] = items.get(0);
        return true;
      }
      return false;
    }, "user task of " + processInstanceKey + " " + state);
    return found[0];
  }

  @Test
  void searchShowsTheCamundaUserTaskWithItsAttributes() {
    String group = unique("ops");
    String id = deployReview(group);
    long pi = start(id);
    UserTask task = awaitTask(pi, UserTaskState.CREATED);
    assertEquals("review", task.getElementId());
    assertEquals(id, task.getBpmnProcessId());
    assertEquals(pi, task.getProcessInstanceKey());
    assertEquals(pi, task.getRootProcessInstanceKey());
    assertEquals(1, task.getProcessDefinitionVersion());
    assertEquals(List.of(group), task.getCandidateGroups());
    assertEquals(50, task.getPriority());
    assertNull(task.getAssignee());
    assertNotNull(task.getCreationDate());

    List<UserTask> byGroup = rest().newUserTaskSearchRequest().filter(f -> f.candidateGroup(group)).send().join()
        .items();
    assertEquals(List.of(task.getUserTaskKey()), byGroup.stream().map(UserTask::getUserTaskKey).toList());
    assertEquals(task.getUserTaskKey(), rest().newUserTaskGetRequest(task.getUserTaskKey()).send().join()
        .getUserTaskKey());
  }

  @Test
  void assignUpdateUnassignAndCompleteChangeTheTask() {
    String id = deployReview(unique("ops"));
    long pi = start(id);
    long key = awaitTask(pi, UserTaskState.CREATED).getUserTaskKey();

    rest().newAssignUserTaskCommand(key).assignee("anna").send().join();
    EngineHarness.await(() -> "anna".equals(awaitTask(pi, UserTaskState.CREATED).getAssignee()), "assigned");
    ProblemException claimed = problem(() -> rest().newAssignUserTaskCommand(key).assignee("ben").allowOverride(false)
        .send().join());
    assertEquals(409, claimed.code());

    OffsetDateTime due = OffsetDateTime.parse("2031-05-04T10:15:30Z");
    rest().newUpdateUserTaskCommand(key).candidateUsers("carl").priority(80).dueDate(due).send().join();
    EngineHarness.await(() -> {
      UserTask t = awaitTask(pi, UserTaskState.CREATED);
      return t.getPriority() == 80 && List.of("carl").equals(t.getCandidateUsers()) && t.getDueDate() != null
          && t.getDueDate().toInstant().equals(due.toInstant());
    }, "updated");

    rest().newUnassignUserTaskCommand(key).send().join();
    EngineHarness.await(() -> awaitTask(pi, UserTaskState.CREATED).getAssignee() == null, "unassigned");

    rest().newCompleteUserTaskCommand(key).variables(Map.of("approved", true)).send().join();
    assertEquals(true, h.awaitJob(id + "-after").getVariablesAsMap().get("approved"));
    UserTask done = awaitTask(pi, UserTaskState.COMPLETED);
    assertNotNull(done.getCompletionDate());
    ProblemException again = problem(() -> rest().newCompleteUserTaskCommand(key).send().join());
    assertEquals(404, again.code());
  }

  @Test
  void commandsOnAnUnknownTaskAreNotFound() {
    long unknown = 2251799813685249L + 987_654_321L;
    assertEquals(404, problem(() -> rest().newAssignUserTaskCommand(unknown).assignee("a").send().join()).code());
    assertEquals(404, problem(() -> rest().newUnassignUserTaskCommand(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newCompleteUserTaskCommand(unknown).send().join()).code());
    assertEquals(404, problem(() -> rest().newUpdateUserTaskCommand(unknown).priority(10).send().join()).code());
    assertTrue(rest().newUserTaskSearchRequest().filter(f -> f.userTaskKey(unknown)).send().join().items().isEmpty());
  }
}
