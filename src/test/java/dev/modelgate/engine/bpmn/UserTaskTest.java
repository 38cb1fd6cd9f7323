package dev.modelgate.engine.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineRejectedException;
import dev.modelgate.engine.EngineTestBase;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.state.UserTask;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Camunda user tasks ({@code zeebe:userTask}) through the real client: it starts the instances and
 * works the jobs (gRPC); the user task commands themselves go through the engine's Java API, because the
 * Camunda client sends them over REST only.
 */
class UserTaskTest extends EngineTestBase {

  static UserTask awaitTask(long pi, String elementId, UserTask.State state) {
    UserTask[] found = new UserTask[1];
    EngineHarness.await(() -> {
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

  static UserTask task(long key) {
    return h.engine().userTasks().get(key).join();
  }

  static Rejection.Type refusal(Supplier<java.util.concurrent.CompletableFuture<?>> call) {
    CompletionException e = assertThrows(CompletionException.class, () -> call.get().join());
    return assertInstanceOf(EngineRejectedException.class, e.getCause()).rejection().type();
  }

  static Rejection rejection(Supplier<java.util.concurrent.CompletableFuture<?>> call) {
    CompletionException e = assertThrows(CompletionException.class, () -> call.get().join());
    return assertInstanceOf(EngineRejectedException.class, e.getCause()).rejection();
  }

  @Test
  void taskCarriesAssignmentScheduleHeadersAndFormFromStaticValuesAndExpressions() {
    String id = unique("ut-attributes");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", u -> u.name("Review the model").zeebeUserTask()
            .zeebeAssigneeExpression("owner")
            .zeebeCandidateGroupsExpression("[team + \":lead\", \"compliance\"]")
            .zeebeCandidateUsers("ann, bob")
            .zeebeDueDate("2026-03-01T12:00:00Z")
            .zeebeFollowUpDateExpression("date and time(\"2026-02-20T09:00:00+01:00\")")
            .zeebeTaskPriorityExpression("level * 10")
            .zeebeExternalFormReference("https://forms.example/review")
            .zeebeTaskHeader("kind", "model-review"))
        .endEvent().done());
    long pi = start(id, Map.of("owner", "carol", "team", "ml", "level", 7));
    UserTask t = awaitTask(pi, "review", UserTask.State.CREATED);
    assertEquals("Review the model", t.name());
    assertEquals("carol", t.attributes().assignee());
    assertEquals(List.of("ml:lead", "compliance"), t.attributes().candidateGroups());
    assertEquals(List.of("ann", "bob"), t.attributes().candidateUsers());
    assertEquals("2026-03-01T12:00:00Z", t.attributes().dueDate());
    assertEquals("2026-02-20T09:00:00+01:00", t.attributes().followUpDate());
    assertEquals(70, t.attributes().priority());
    assertEquals("https://forms.example/review", t.externalFormReference());
    assertEquals(Map.of("kind", "model-review"), t.customHeaders());
    assertEquals(id, t.bpmnProcessId());
    assertEquals(h.clock.millis(), t.creationDate());
    assertTrue(h.activateNow("io.camunda.zeebe:userTask").isEmpty(), "no job for a Camunda user task");
  }

  @Test
  void completionVariablesAndOutputMappingsReachTheProcess() {
    String id = unique("ut-complete");
    String next = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("decide", u -> u.zeebeUserTask().zeebeInputExpression("reviewer", "who")
            .zeebeAssigneeExpression("who").zeebeOutputExpression("verdict", "decision"))
        .serviceTask("after", s -> s.zeebeJobType(next)).endEvent().done());
    long pi = start(id, Map.of("reviewer", "dave"));
    UserTask t = awaitTask(pi, "decide", UserTask.State.CREATED);
    assertEquals("dave", t.attributes().assignee(), "the assignee expression sees the input mapping");
    h.engine().userTasks().complete(t.key(), "{\"verdict\":\"approve\"}", null).join();
    ActivatedJob after = h.awaitJob(next);
    assertEquals("approve", after.getVariablesAsMap().get("decision"));
    assertFalse(after.getVariablesAsMap().containsKey("verdict"), "with output mappings the variables stay local");
    assertEquals(Rejection.Type.NOT_FOUND, refusal(() -> h.engine().userTasks().get(t.key())),
        "a completed task is gone");
    h.complete(after, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void assignClaimUnassignAndUpdateFollowCamundaRules() {
    String id = unique("ut-assign");
    deploy(Bpmn.createExecutableProcess(id).startEvent().userTask("t", u -> u.zeebeUserTask()).endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    assertNull(t.attributes().assignee());
    assertEquals(50, t.attributes().priority(), "Camunda's default priority");

    h.engine().userTasks().assign(t.key(), "erin", null, false).join();
    assertEquals("erin", task(t.key()).attributes().assignee());
    assertEquals(Rejection.Type.FAILED_PRECONDITION,
        refusal(() -> h.engine().userTasks().assign(t.key(), "frank", "claim", false)), "a claim of a taken task");
    assertEquals("erin", task(t.key()).attributes().assignee());
    h.engine().userTasks().assign(t.key(), "frank", null, true).join();
    assertEquals("frank", task(t.key()).attributes().assignee(), "an assignment may override");

    Rejection bad = rejection(() -> h.engine().userTasks().update(t.key(),
        new UserTask.Changes(null, null, null, null, null, 101), null));
    assertEquals(Rejection.Type.INVALID_ARGUMENT, bad.type());
    assertTrue(bad.message().contains("'priority'"), bad.message());
    assertEquals(Rejection.Type.INVALID_ARGUMENT, refusal(() -> h.engine().userTasks().update(t.key(),
        new UserTask.Changes(null, null, null, "next tuesday", null, null), null)));
    assertEquals(50, task(t.key()).attributes().priority(), "a refused update changes nothing");

    h.engine().userTasks().update(t.key(), new UserTask.Changes(null, List.of("ops"), null,
        "2026-04-01T00:00:00Z", null, 90), null).join();
    UserTask updated = task(t.key());
    assertEquals(List.of("ops"), updated.attributes().candidateGroups());
    assertEquals("2026-04-01T00:00:00Z", updated.attributes().dueDate());
    assertEquals(90, updated.attributes().priority());
    assertEquals("frank", updated.attributes().assignee(), "an update leaves the assignee");

    h.engine().userTasks().update(t.key(), new UserTask.Changes(null, null, null, "", null, null), null).join();
    assertNull(task(t.key()).attributes().dueDate(), "an empty date clears it");
    h.engine().userTasks().unassign(t.key(), null).join();
    assertNull(task(t.key()).attributes().assignee());

    assertEquals(Rejection.Type.NOT_FOUND, refusal(() -> h.engine().userTasks().assign(42L, "x", null, true)));
    assertEquals(Rejection.Type.INVALID_ARGUMENT, refusal(() -> h.engine().userTasks().assign(t.key(), " ", null, true)));
    assertEquals(Rejection.Type.INVALID_ARGUMENT,
        refusal(() -> h.engine().userTasks().complete(t.key(), "[1,2]", null)), "variables must be an object");
    h.engine().userTasks().complete(t.key(), null, null).join();
    h.awaitCompleted(pi);
  }

  @Test
  void interruptingTimerAndCancellationCancelTheTask() {
    String id = unique("ut-cancel");
    String escalated = unique("escalated");
    deploy(Bpmn.createExecutableProcess(id).startEvent().userTask("t", u -> u.zeebeUserTask())
        .boundaryEvent("late", e -> e.timerWithDuration("PT1H")).serviceTask("esc", s -> s.zeebeJobType(escalated))
        .endEvent().moveToActivity("t").endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    h.clock.advance(Duration.ofHours(2));
    ActivatedJob esc = h.awaitJob(escalated);
    assertEquals(pi, esc.getProcessInstanceKey());
    assertEquals(Rejection.Type.NOT_FOUND, refusal(() -> h.engine().userTasks().get(t.key())),
        "the interrupted task is canceled");
    assertEquals(Rejection.Type.NOT_FOUND, refusal(() -> h.engine().userTasks().complete(t.key(), null, null)));
    h.complete(esc, Map.of());
    h.awaitCompleted(pi);

    long pi2 = start(id);
    UserTask t2 = awaitTask(pi2, "t", UserTask.State.CREATED);
    client().newCancelInstanceCommand(pi2).send().join();
    assertEquals(Rejection.Type.NOT_FOUND, refusal(() -> h.engine().userTasks().get(t2.key())));
  }

  @Test
  void aFailingExpressionIsAnIncidentThatResolvesOnceTheVariableExists() {
    String id = unique("ut-incident");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeDueDateExpression("deadline")).endEvent().done());
    long pi = start(id, Map.of("deadline", "soon"));
    // no task while the due date is not a date-time; keys are handed out in order, the incident follows
    // the element instance, whose key follows the process instance and its start event
    EngineHarness.await(() -> h.engine().userTasks().open().join().stream()
        .noneMatch(t -> t.processInstanceKey() == pi), "no task");
    assertTrue(h.isActive(pi));
    client().newSetVariablesCommand(pi).variables(Map.of("deadline", "2026-05-01T10:00:00Z")).send().join();
    boolean resolved = false;
    for (long k = pi + 1; k < pi + 6 && !resolved; k++) {
      try {
        client().newResolveIncidentCommand(k).send().join();
        resolved = true;
      } catch (io.camunda.client.api.command.ClientStatusException e) {
        // not the incident's key
      }
    }
    assertTrue(resolved, "the incident was found and resolved");
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    assertEquals("2026-05-01T10:00:00Z", t.attributes().dueDate());
  }

  @Test
  void jobWorkerUserTasksKeepWorking() {
    String id = unique("ut-job");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("legacy", u -> u.zeebeAssignee("gina").zeebeCandidateGroups("a, b")).endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("gina", job.getCustomHeaders().get("io.camunda.zeebe:assignee"));
    assertEquals("[\"a\",\"b\"]", job.getCustomHeaders().get("io.camunda.zeebe:candidateGroups").replace(" ", ""));
    assertTrue(h.engine().userTasks().open().join().stream().noneMatch(t -> t.processInstanceKey() == pi));
    h.complete(job, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void userTasksSurviveARestart() {
    String id = unique("ut-restart");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeCandidateGroups("ops")).endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    h.engine().userTasks().assign(t.key(), "hal", null, true).join();
    h.restart();
    UserTask after = task(t.key());
    assertEquals(t.with(t.state(), after.attributes(), null), after, "the same task after a restart");
    assertEquals("hal", after.attributes().assignee());
    h.engine().userTasks().complete(t.key(), null, null).join();
    h.awaitCompleted(pi);
  }
}
