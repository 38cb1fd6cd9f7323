package dev.modelgate.engine.bpmn;

import static dev.modelgate.engine.bpmn.UserTaskTest.awaitTask;
import static dev.modelgate.engine.bpmn.UserTaskTest.refusal;
import static dev.modelgate.engine.bpmn.UserTaskTest.rejection;
import static dev.modelgate.engine.bpmn.UserTaskTest.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineTestBase;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.state.UserTask;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * User task listeners through the real client: each runs as a job of its type with the TASK_LISTENER
 * kind and its event type, the lifecycle transition waits for it, and it may correct the task or (for
 * assigning, updating and completing) deny the transition, as Camunda documents.
 */
class TaskListenerTest extends EngineTestBase {

  private static void completeListener(ActivatedJob job) {
    client().newCompleteCommand(job).send().join();
  }

  @Test
  void creatingListenersRunInOrderSeeTheTaskAndMayCorrectIt() {
    String id = unique("tl-creating");
    String first = unique("first");
    String second = unique("second");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeCandidateGroups("ops").zeebeTaskHeader("color", "red")
            .zeebeTaskListener(l -> l.creating().type(first))
            .zeebeTaskListener(l -> l.creating().type(second)))
        .endEvent().done());
    long pi = start(id, Map.of("order", 7));
    ActivatedJob job = h.awaitJob(first);
    assertEquals(JobKind.TASK_LISTENER, job.getKind());
    assertEquals(ListenerEventType.CREATING, job.getListenerEventType());
    assertEquals(7, ((Number) job.getVariablesAsMap().get("order")).intValue());
    assertEquals("red", job.getCustomHeaders().get("color"), "the task's headers are merged in");
    assertEquals("[\"ops\"]", job.getCustomHeaders().get("io.camunda.zeebe:candidateGroups"));
    UserTask creating = awaitTask(pi, "t", UserTask.State.CREATING);
    assertEquals(String.valueOf(creating.key()), job.getCustomHeaders().get("io.camunda.zeebe:userTaskKey"));
    assertEquals(creating.key(), job.getUserTask().getUserTaskKey());
    assertEquals(List.of("ops"), job.getUserTask().getCandidateGroups());
    assertTrue(h.activateNow(second).isEmpty(), "listeners run one after the other");
    assertEquals(Rejection.Type.FAILED_PRECONDITION,
        refusal(() -> h.engine().userTasks().assign(creating.key(), "x", null, true)), "a creating task takes no command");

    client().newCompleteCommand(job).withResult(r -> r.forUserTask().correctPriority(80)
        .correctCandidateUsers(List.of("ivy"))).send().join();
    ActivatedJob next = h.awaitJob(second);
    assertEquals(80, next.getUserTask().getPriority(), "the next listener sees the correction");
    assertEquals("80", next.getCustomHeaders().get("io.camunda.zeebe:priority"));
    completeListener(next);
    UserTask created = awaitTask(pi, "t", UserTask.State.CREATED);
    assertEquals(80, created.attributes().priority());
    assertEquals(List.of("ivy"), created.attributes().candidateUsers());
    assertEquals(List.of("ops"), created.attributes().candidateGroups(), "an attribute not corrected is kept");
  }

  @Test
  void anAssigneeFromTheProcessIsAssignedAfterCreationThroughTheAssigningListeners() {
    String id = unique("tl-assign");
    String assigning = unique("assigning");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeAssignee("jack")
            .zeebeTaskListener(l -> l.assigning().type(assigning)))
        .endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(assigning);
    assertEquals(ListenerEventType.ASSIGNING, job.getListenerEventType());
    assertEquals("jack", job.getUserTask().getAssignee());
    assertEquals(List.of("assignee"), job.getUserTask().getChangedAttributes());
    UserTask t = awaitTask(pi, "t", UserTask.State.ASSIGNING);
    assertNull(t.attributes().assignee(), "not assigned before the listener completes");
    client().newCompleteCommand(job).withResult(r -> r.forUserTask().correctAssignee("kate")).send().join();
    assertEquals("kate", awaitTask(pi, "t", UserTask.State.CREATED).attributes().assignee());

    // a later assignment waits for the listener, which sees the action
    CompletableFuture<Void> assigned = h.engine().userTasks().assign(t.key(), "liam", "handover", true);
    ActivatedJob again = h.awaitJob(assigning);
    assertEquals("handover", again.getUserTask().getAction());
    assertEquals("handover", again.getCustomHeaders().get("io.camunda.zeebe:action"));
    assertFalse(assigned.isDone(), "the command is answered after its listeners");
    completeListener(again);
    assigned.join();
    assertEquals("liam", task(t.key()).attributes().assignee());
  }

  @Test
  void aCompletingListenerDeniesACompletionAndTheTaskStaysAsItWas() {
    String id = unique("tl-deny");
    String completing = unique("completing");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.completing().type(completing)))
        .serviceTask("after", s -> s.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    CompletableFuture<Void> bypass = h.engine().userTasks().complete(t.key(), "{\"approved\":true}", null);
    ActivatedJob job = h.awaitJob(completing);
    assertEquals(ListenerEventType.COMPLETING, job.getListenerEventType());
    assertEquals("complete", job.getUserTask().getAction());
    assertEquals(UserTask.State.COMPLETING, task(t.key()).state());
    client().newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, "use the decision route")
        .correctPriority(10)).send().join();
    Rejection denied = rejection(() -> bypass);
    assertEquals(Rejection.Type.FAILED_PRECONDITION, denied.type());
    assertTrue(denied.message().contains("use the decision route"), denied.message());
    UserTask back = task(t.key());
    assertEquals(UserTask.State.CREATED, back.state());
    assertEquals(t.attributes(), back.attributes(), "a denial drops the corrections");
    assertTrue(h.activateNow(after).isEmpty(), "the element did not complete");

    CompletableFuture<Void> proper = h.engine().userTasks().complete(t.key(), "{\"approved\":true}", "decide");
    completeListener(h.awaitJob(completing));
    proper.join();
    ActivatedJob next = h.awaitJob(after);
    assertEquals(true, next.getVariablesAsMap().get("approved"));
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void updatingListenersSeeTheChangedAttributesAndMayDeny() {
    String id = unique("tl-update");
    String updating = unique("updating");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.updating().type(updating)))
        .endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    CompletableFuture<Void> update = h.engine().userTasks().update(t.key(),
        new UserTask.Changes(null, null, null, "2026-06-01T00:00:00Z", null, 60), null);
    ActivatedJob job = h.awaitJob(updating);
    assertEquals(List.of("dueDate", "priority"), job.getUserTask().getChangedAttributes());
    // correcting the priority back to what it was makes it no longer changed
    client().newCompleteCommand(job).withResult(r -> r.forUserTask().correctPriority(50)).send().join();
    update.join();
    UserTask updated = task(t.key());
    assertEquals("2026-06-01T00:00:00Z", updated.attributes().dueDate());
    assertEquals(50, updated.attributes().priority());

    CompletableFuture<Void> refused = h.engine().userTasks().update(t.key(),
        new UserTask.Changes(null, List.of("x"), null, null, null, null), null);
    client().newCompleteCommand(h.awaitJob(updating)).withResult(r -> r.forUserTask().deny(true)).send().join();
    assertEquals(Rejection.Type.FAILED_PRECONDITION, refusal(() -> refused));
    assertEquals(List.of(), task(t.key()).attributes().candidateGroups());
  }

  @Test
  void listenerJobsRefuseVariablesErrorsAndDenialsOfCreation() {
    String id = unique("tl-refusals");
    String creating = unique("creating");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.creating().type(creating)))
        .endEvent().done());
    long pi = start(id);
    ActivatedJob job = h.awaitJob(creating);
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> client().newCompleteCommand(job).variables(Map.of("x", 1)).send().join());
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> client().newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true)).send().join());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> client().newCompleteCommand(job)
        .withResult(r -> r.forUserTask().correctPriority(101)).send().join());
    assertStatus(Status.Code.FAILED_PRECONDITION,
        () -> client().newThrowErrorCommand(job.getKey()).errorCode("E").send().join());
    assertEquals(UserTask.State.CREATING, awaitTask(pi, "t", UserTask.State.CREATING).state(), "nothing changed");
    completeListener(job);
    awaitTask(pi, "t", UserTask.State.CREATED);
  }

  @Test
  void aListenerOutOfRetriesIsAnIncidentAndOnlyThatListenerRunsAgain() {
    String id = unique("tl-incident");
    String first = unique("first");
    String second = unique("second");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.creating().type(first))
            .zeebeTaskListener(l -> l.creating().type(second).retries("1")))
        .endEvent().done());
    long pi = start(id);
    completeListener(h.awaitJob(first));
    ActivatedJob failing = h.awaitJob(second);
    assertEquals(1, failing.getRetries());
    client().newFailCommand(failing.getKey()).retries(0).errorMessage("mail server down").send().join();
    client().newUpdateRetriesCommand(failing.getKey()).retries(1).send().join();
    assertTrue(h.activateNow(second).isEmpty(), "the incident blocks the listener");
    client().newResolveIncidentCommand(failing.getKey() + 1).send().join();
    ActivatedJob again = h.awaitJob(second);
    assertEquals(failing.getKey(), again.getKey());
    assertTrue(h.activateNow(first).isEmpty(), "the first listener does not run again");
    completeListener(again);
    awaitTask(pi, "t", UserTask.State.CREATED);
  }

  @Test
  void cancelingListenersRunWhenTheTaskIsCanceled() {
    String id = unique("tl-cancel");
    String canceling = unique("canceling");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeAssignee("mia")
            .zeebeTaskListener(l -> l.canceling().type(canceling)))
        .endEvent().done());
    long pi = start(id, Map.of("ticket", "T-1"));
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    assertTrue(h.activateNow(canceling).isEmpty(), "not before a cancellation");
    client().newCancelInstanceCommand(pi).send().join();
    ActivatedJob job = h.awaitJob(canceling);
    assertEquals(ListenerEventType.CANCELING, job.getListenerEventType());
    assertEquals("mia", job.getUserTask().getAssignee());
    assertEquals(UserTask.State.CANCELING, task(t.key()).state());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> client().newCompleteCommand(job)
        .withResult(r -> r.forUserTask().correctAssignee("x")).send().join());
    completeListener(job);
    EngineHarness.await(() -> h.engine().userTasks().open().join().stream().noneMatch(x -> x.key() == t.key()),
        "the task to be canceled");
  }

  @Test
  void taskListenersBelongToCamundaUserTasksOnly() {
    String id = unique("tl-jobworker");
    io.camunda.client.api.command.ClientStatusException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.camunda.client.api.command.ClientStatusException.class,
        () -> deploy(Bpmn.createExecutableProcess(id).startEvent()
            .userTask("legacy", u -> u.zeebeTaskListener(l -> l.completing().type("x"))).endEvent().done()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("'legacy' (userTask with zeebe:taskListeners"),
        e.getStatus().getDescription());
  }

  @Test
  void aTransitionWaitingForItsListenersSurvivesARestart() {
    String id = unique("tl-restart");
    String first = unique("first");
    String second = unique("second");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.completing().type(first))
            .zeebeTaskListener(l -> l.completing().type(second)))
        .serviceTask("after", s -> s.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    h.engine().userTasks().complete(t.key(), "{\"outcome\":\"done\"}", "decide");
    client().newCompleteCommand(h.awaitJob(first)).withResult(r -> r.forUserTask().correctPriority(5)).send().join();
    h.awaitJob(second); // activated, never completed before the restart

    h.restart();

    UserTask waiting = task(t.key());
    assertEquals(UserTask.State.COMPLETING, waiting.state());
    assertEquals(5, waiting.transition().proposed().priority(), "the first listener's correction is kept");
    assertEquals("decide", waiting.transition().action());
    assertTrue(h.activateNow(second).isEmpty(), "its job stays activated across the restart");
    assertTrue(h.activateNow(first).isEmpty(), "the first listener does not run again");
    h.clock.advance(java.time.Duration.ofMinutes(6)); // past the job's timeout: it is handed out again
    ActivatedJob job = h.awaitJob(second);
    completeListener(job);
    ActivatedJob next = h.awaitJob(after);
    assertEquals("done", next.getVariablesAsMap().get("outcome"), "the completion variables were kept");
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void variablesSetOnTheTaskPassItsUpdatingListenersFirst() {
    String id = unique("tl-variables");
    String updating = unique("updating");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .userTask("t", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.updating().type(updating)))
        .serviceTask("after", s -> s.zeebeJobType(after)).endEvent().done());
    long pi = start(id);
    UserTask t = awaitTask(pi, "t", UserTask.State.CREATED);
    var set = client().newSetVariablesCommand(t.elementInstanceKey()).variables(Map.of("draft", "v1")).send();
    ActivatedJob job = h.awaitJob(updating);
    assertEquals(List.of("variables"), job.getUserTask().getChangedAttributes());
    assertEquals(UserTask.State.UPDATING, task(t.key()).state());
    assertFalse(job.getVariablesAsMap().containsKey("draft"), "not set before the listener agrees");
    completeListener(job);
    set.join();

    var denied = client().newSetVariablesCommand(t.elementInstanceKey()).variables(Map.of("draft", "v2")).send();
    client().newCompleteCommand(h.awaitJob(updating)).withResult(r -> r.forUserTask().deny(true)).send().join();
    assertEquals(Status.Code.FAILED_PRECONDITION, statusOf(denied::join));

    h.engine().userTasks().complete(t.key(), null, null).join();
    ActivatedJob next = h.awaitJob(after);
    assertEquals("v1", next.getVariablesAsMap().get("draft"), "the agreed value, not the denied one");
    h.complete(next, Map.of());
    h.awaitCompleted(pi);
  }
}
