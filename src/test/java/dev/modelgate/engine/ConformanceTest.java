package dev.modelgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import dev.modelgate.engine.state.UserTask;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real-world Camunda 8 examples (shared/conformance): each is run to completion through the
 * client, or its refusal names the unsupported elements.
 */
class ConformanceTest extends EngineTestBase {

  private static final String DIR = "conformance/";

  /** Completes every job of the given types until the instance ends, moving the clock for timers. */
  private static int drive(long pi, Map<String, Map<String, Object>> completions) {
    int completed = 0;
    long deadline = System.nanoTime() + EngineHarness.DEADLINE.toNanos();
    while (h.isActive(pi)) {
      assertTrue(System.nanoTime() < deadline, "instance " + pi + " did not finish");
      boolean progressed = false;
      for (Map.Entry<String, Map<String, Object>> e : completions.entrySet()) {
        for (ActivatedJob job : h.activateNow(e.getKey())) {
          h.complete(job, e.getValue());
          completed++;
          progressed = true;
        }
      }
      if (!progressed) {
        h.clock.advance(Duration.ofMinutes(20));
        sleep(20);
      }
    }
    return completed;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static DeploymentEvent deployFile(String name) {
    return client().newDeployResourceCommand().addResourceFromClasspath(DIR + name).send().join();
  }

  @Test
  void everyConformanceFileIsCovered() throws IOException {
    Set<String> covered = Set.of("exampleProcess.bpmn", "twitter.bpmn", "get-up.bpmn",
        "multi-instance-simple-example.bpmn", "rollback-process.bpmn", "payment_process.bpmn", "eventHandler.bpmn",
        "user-task-listeners.bpmn", "execution-listeners.bpmn", "event-subprocess.bpmn", "signal-events.bpmn",
        "escalation-events.bpmn", "link-events.bpmn", "cron-timer.bpmn", "loan-approval.bpmn",
        "trip-booking-compensation.bpmn");
    List<String> present = new ArrayList<>();
    Path dir = Path.of("src/test/resources/conformance");
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bpmn")).forEach(present::add);
    }
    assertEquals(covered, Set.copyOf(present), "a conformance file without a test");
  }

  @Test
  void tripBookingCompensatesBothBookingsWhenPaymentFails() {
    deployFile("trip-booking-compensation.bpmn");
    Map<String, Map<String, Object>> workers = Map.of("book-hotel", Map.of(), "book-flight", Map.of(),
        "undo-booking", Map.of());
    long canceled = h.start("trip-booking", Map.of("trip", "T-1", "paid", false));
    assertEquals(4, drive(canceled, workers), "two bookings, then both undone");
    long booked = h.start("trip-booking", Map.of("trip", "T-2", "paid", true));
    assertEquals(2, drive(booked, workers), "paid: nothing to undo");
  }

  @Test
  void exampleProcess() {
    deployFile("exampleProcess.bpmn");
    long pi = start("exampleProcess");
    assertEquals(1, drive(pi, Map.of("send-email", Map.of())));
  }

  @Test
  void twitterApprovedAndRejected() {
    deployFile("twitter.bpmn");
    long approved = start("TwitterDemoProcess", Map.of("boss", "Boss", "author", "me", "tweet", "hi"));
    ActivatedJob review = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("Boss", review.getCustomHeaders().get("io.camunda.zeebe:assignee"));
    h.complete(review, Map.of("approved", true));
    assertEquals(1, drive(approved, Map.of("publish-tweet", Map.of())));

    long rejected = start("TwitterDemoProcess", Map.of("boss", "Boss", "author", "me", "tweet", "meh"));
    h.complete(h.awaitJob("io.camunda.zeebe:userTask"), Map.of("approved", false));
    assertEquals(1, drive(rejected, Map.of("send-rejection", Map.of())));
  }

  @Test
  void twitterDuplicateGoesThroughTheErrorBoundary() {
    deployFile("twitter.bpmn");
    long pi = start("TwitterDemoProcess", Map.of("boss", "Boss", "author", "me", "tweet", "dup"));
    h.complete(h.awaitJob("io.camunda.zeebe:userTask"), Map.of("approved", true));
    ActivatedJob publish = h.awaitJob("publish-tweet");
    client().newThrowErrorCommand(publish.getKey()).errorCode("duplicateMessage").send().join();
    ActivatedJob handle = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("user_task_handle_duplicate", handle.getElementId());
    assertEquals("me", handle.getCustomHeaders().get("io.camunda.zeebe:assignee"));
    h.complete(handle, Map.of("tweet", "not a dup"));
    h.complete(h.awaitJob("io.camunda.zeebe:userTask"), Map.of("approved", true));
    assertEquals(1, drive(pi, Map.of("publish-tweet", Map.of())));
  }

  @Test
  void getUpWithTimersSubProcessAndScript() {
    deployFile("get-up.bpmn");
    long pi = start("GetUpProcess");
    int jobs = drive(pi, Map.of("callKids", Map.of(), "checkProgress", Map.of("progress", "ready")));
    assertTrue(jobs >= 1, "the sub-process's service tasks ran");
  }

  @Test
  void multiInstanceCallActivityCollectsResults() {
    DeploymentEvent event = deployFile("multi-instance-simple-example.bpmn");
    assertEquals(2, event.getProcesses().size());
    long pi = start("MICallActivityProcess");
    h.complete(h.awaitJob("sequenceCreation"), Map.of("sequence", List.of(1, 2, 3)));
    List<ActivatedJob> elements = h.awaitJobs("elementCreation", 3);
    for (ActivatedJob job : elements) {
      int element = ((Number) job.getVariablesAsMap().get("element")).intValue();
      h.complete(job, Map.of("result", "r" + element));
    }
    ActivatedJob show = h.awaitJob("resultLogging");
    assertEquals(List.of("r1", "r2", "r3"), show.getVariablesAsMap().get("resultList"));
    h.complete(show, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void rollbackProcessWithDynamicJobTypes() {
    deployFile("rollback-process.bpmn");
    long pi = start("RollbackOnErrorProcess", Map.of("validateDataType", "validate", "saveDataType", "save"));
    ActivatedJob enter = h.awaitJob("io.camunda.zeebe:userTask");
    assertEquals("validateDataType, saveDataType", enter.getCustomHeaders().get("rollbackOnError"));
    assertEquals(false, enter.getVariablesAsMap().get("validationFails"), "start event output mapping applied");
    h.complete(enter, Map.of());
    assertEquals(2, drive(pi, Map.of("validate", Map.of(), "save", Map.of())));
  }

  /** The Camunda user task waiting in a process instance (completed through the engine: REST-only in the client). */
  private static UserTask awaitUserTask(long pi, String elementId) {
    UserTask[] found = new UserTask[1];
    EngineHarness.await(() -> {
      for (UserTask t : h.engine().userTasks().open().join()) {
        if (t.processInstanceKey() == pi && t.elementId().equals(elementId) && t.state() == UserTask.State.CREATED) {
          found[0] = t;
          return true;
        }
      }
      return false;
    }, "user task " + elementId + " in " + pi);
    return found[0];
  }

  /** A business rule task calling a DMN decision that requires another, deployed together as Modeler saves them. */
  @Test
  void loanApprovalDecidesWithItsDmnDecisions() {
    DeploymentEvent event = client().newDeployResourceCommand().addResourceFromClasspath(DIR + "loan-approval.bpmn")
        .addResourceFromClasspath(DIR + "loan-approval.dmn").send().join();
    assertEquals(1, event.getProcesses().size());
    assertEquals(List.of("creditRating", "loanDecision"),
        event.getDecisions().stream().map(d -> d.getDmnDecisionId()).toList());
    assertEquals("Definitions_loanApproval", event.getDecisionRequirements().get(0).getDmnDecisionRequirementsId());

    long approved = start("LoanApprovalProcess", Map.of("applicant", Map.of("creditScore", 720, "income", 50_000),
        "amount", 100_000));
    ActivatedJob offer = h.awaitJob("send-offer");
    assertEquals("rating good", offer.getVariablesAsMap().get("reason"));
    h.complete(offer, Map.of());
    h.awaitCompleted(approved);

    long poor = start("LoanApprovalProcess", Map.of("applicant", Map.of("creditScore", 480, "income", 50_000),
        "amount", 1_000));
    ActivatedJob rejection = h.awaitJob("send-rejection");
    assertEquals("credit rating too low", rejection.getVariablesAsMap().get("reason"));
    h.complete(rejection, Map.of());
    h.awaitCompleted(poor);

    long tooHigh = start("LoanApprovalProcess", Map.of("applicant", Map.of("creditScore", 600, "income", 10_000),
        "amount", 100_000));
    ActivatedJob tooHighRejection = h.awaitJob("send-rejection");
    assertEquals("amount too high for the income", tooHighRejection.getVariablesAsMap().get("reason"));
    h.complete(tooHighRejection, Map.of());
    h.awaitCompleted(tooHigh);
  }

  @Test
  void paymentProcessPaysFromCreditAlone() {
    deployFile("payment_process.bpmn");
    long pi = start("paymentProcess", Map.of("orderTotal", 10));
    h.complete(h.awaitJob("customerCreditHandling"), Map.of("remainingAmount", 0));
    h.awaitCompleted(pi);
  }

  @Test
  void paymentProcessRecoversFromACardErrorThroughItsCamundaUserTask() {
    deployFile("payment_process.bpmn");
    long pi = start("paymentProcess", Map.of("orderTotal", 30));
    h.complete(h.awaitJob("customerCreditHandling"), Map.of("remainingAmount", 20));
    ActivatedJob charge = h.awaitJob("creditCardCharging");
    assertEquals(20, ((Number) charge.getVariablesAsMap().get("openAmount")).intValue(), "input mapping applied");
    client().newThrowErrorCommand(charge.getKey()).errorCode("creditCardError").errorMessage("expired").send().join();

    UserTask check = awaitUserTask(pi, "CheckPaymentDataTask");
    assertEquals("Check payment data", check.name());
    assertEquals("checkPayment", check.formKey(), "the linked form's id");
    assertTrue(h.activateNow("io.camunda.zeebe:userTask").isEmpty(), "a Camunda user task is no job");
    h.engine().userTasks().complete(check.key(), "{\"errorResolved\":true}", null).join();

    ActivatedJob again = h.awaitJob("creditCardCharging");
    assertEquals(true, again.getVariablesAsMap().get("errorResolved"), "completion variables reached the process");
    h.complete(again, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void eventHandlerRunsTheStartEventsEndListenerThenItsServices() {
    deployFile("eventHandler.bpmn");
    client().newPublishMessageCommand().messageName("random").withoutCorrelationKey()
        .variables(Map.of("event", "e-1")).send().join();
    ActivatedJob ack = h.awaitJob("correlated");
    assertEquals(JobKind.EXECUTION_LISTENER, ack.getKind());
    assertEquals(ListenerEventType.END, ack.getListenerEventType());
    assertEquals("StartEvent_1", ack.getElementId());
    assertEquals("e-1", ack.getVariablesAsMap().get("event"));
    long pi = ack.getProcessInstanceKey();
    assertTrue(h.activateNow("service1").isEmpty(), "the listener blocks the start event");
    h.complete(ack, Map.of("acknowledged", true));
    ActivatedJob first = h.awaitJob("service1");
    assertEquals(true, first.getVariablesAsMap().get("acknowledged"), "end listener variables reach the process");
    h.complete(first, Map.of());
    assertEquals(2, drive(pi, Map.of("service2", Map.of(), "service3", Map.of())));
  }

  /** Conformance model: a Camunda user task with assignment, schedule, priority and all five task listeners. */
  @Test
  void userTaskListenersModelRunsEveryListenerAndADenial() {
    deployFile("user-task-listeners.bpmn");
    long pi = start("modelReviewTask", Map.of("team", "ml", "requestedAt", "2026-01-01T00:00:00Z", "urgent", true));
    ActivatedJob inbox = h.awaitJob("review-inbox");
    assertEquals(JobKind.TASK_LISTENER, inbox.getKind());
    assertEquals(ListenerEventType.CREATING, inbox.getListenerEventType());
    assertEquals("review", inbox.getCustomHeaders().get("step"));
    assertEquals(List.of("ml:reviewer"), inbox.getUserTask().getCandidateGroups());
    assertEquals(90, inbox.getUserTask().getPriority());
    assertEquals(java.time.OffsetDateTime.parse("2026-01-03T00:00:00Z"), inbox.getUserTask().getDueDate());
    client().newCompleteCommand(inbox).send().join();
    UserTask task = awaitUserTask(pi, "ReviewModelTask");

    var assigned = h.engine().userTasks().assign(task.key(), "olga", null, true);
    ActivatedJob check = h.awaitJob("review-assignment-check");
    assertEquals("olga", check.getUserTask().getAssignee());
    client().newCompleteCommand(check).withResult(r -> r.forUserTask().correctAssignee("pat")).send().join();
    assigned.join();

    var bypass = h.engine().userTasks().complete(task.key(), "{\"approved\":true}", null);
    ActivatedJob guard = h.awaitJob("review-completion-guard");
    client().newCompleteCommand(guard).withResult(r -> r.forUserTask().deny(true, "not through the decision route"))
        .send().join();
    java.util.concurrent.CompletionException denied = assertThrows(java.util.concurrent.CompletionException.class,
        bypass::join);
    assertTrue(denied.getCause().getMessage().contains("not through the decision route"), denied.getMessage());
    assertEquals("pat", awaitUserTask(pi, "ReviewModelTask").attributes().assignee());

    var decided = h.engine().userTasks().complete(task.key(), "{\"approved\":true}", "decide");
    client().newCompleteCommand(h.awaitJob("review-completion-guard")).send().join();
    decided.join();
    h.awaitCompleted(pi);

    long overdue = start("modelReviewTask", Map.of("team", "ml", "requestedAt", "2026-01-01T00:00:00Z", "urgent", false));
    client().newCompleteCommand(h.awaitJob("review-inbox")).send().join();
    awaitUserTask(overdue, "ReviewModelTask");
    h.clock.advance(Duration.ofDays(4));
    ActivatedJob cleanup = h.awaitJob("review-inbox-cleanup");
    assertEquals(ListenerEventType.CANCELING, cleanup.getListenerEventType());
    assertEquals(overdue, cleanup.getProcessInstanceKey());
    client().newCompleteCommand(cleanup).send().join();
    h.awaitCompleted(overdue);
  }

  /** Conformance model: execution listeners on the process, a service task, a gateway, a timer and an end event. */
  @Test
  void executionListenersModelRunsEachListenerWhereCamundaDoes() {
    deployFile("execution-listeners.bpmn");
    long pi = start("scoringWithListeners", Map.of("modelId", "m-1"));
    ActivatedJob audit = h.awaitJob("scoring-audit-start");
    assertEquals(ListenerEventType.START, audit.getListenerEventType());
    assertEquals("scoringWithListeners", audit.getElementId());
    h.complete(audit, Map.of());
    ActivatedJob load = h.awaitJob("scoring-load-dataset");
    assertEquals("m-1", load.getVariablesAsMap().get("model"), "start listeners run after the input mappings");
    h.complete(load, Map.of("dataset", "d-1"));
    ActivatedJob score = h.awaitJob("score-model");
    assertEquals("d-1", score.getVariablesAsMap().get("dataset"));
    h.complete(score, Map.of("score", 0.8));
    ActivatedJob publish = h.awaitJob("scoring-publish-metrics");
    assertEquals(5, publish.getRetries());
    assertEquals(0.8, ((Number) publish.getVariablesAsMap().get("modelScore")).doubleValue(), 1e-9);
    h.complete(publish, Map.of());
    h.complete(h.awaitJob("scoring-decide-threshold"), Map.of("threshold", 0.9));
    h.complete(h.awaitJob("scoring-compute-cooldown"), Map.of("coolDown", "PT1H"));
    assertTrue(h.activateNow("scoring-audit-end").isEmpty(), "the timer the listener configured still waits");
    h.clock.advance(Duration.ofHours(2));
    ActivatedJob end = h.awaitJob("scoring-audit-end");
    assertEquals(ListenerEventType.END, end.getListenerEventType());
    assertTrue(h.activateNow("scoring-notify").isEmpty(), "the retrain path was taken");
    h.complete(end, Map.of());
    h.awaitCompleted(pi);
  }

  // ---- one model per event element kind, as Camunda Modeler writes them

  @Test
  void eventSubProcessesRemindCancelAndCatchErrors() {
    deployFile("event-subprocess.bpmn");
    long cancelled = start("EventSubProcessOrder", Map.of("orderId", "esp-o-1"));
    ActivatedJob prepare = h.awaitJob("esp-prepare");
    client().newUpdateTimeoutCommand(prepare.getKey()).timeout(Duration.ofDays(10)).send().join();
    h.clock.advance(Duration.ofMinutes(61));
    ActivatedJob remind = h.awaitJob("esp-remind");
    assertEquals(cancelled, remind.getProcessInstanceKey());
    h.complete(remind, Map.of());
    client().newPublishMessageCommand().messageName("esp-cancel-order").correlationKey("esp-o-1").send().join();
    ActivatedJob refund = h.awaitJob("esp-refund");
    assertEquals(cancelled, refund.getProcessInstanceKey());
    assertThrows(ClientStatusException.class, () -> client().newCompleteCommand(prepare.getKey()).send().join());
    h.complete(refund, Map.of());
    h.awaitCompleted(cancelled);

    long invalid = start("EventSubProcessOrder", Map.of("orderId", "esp-o-2"));
    client().newThrowErrorCommand(h.awaitJob("esp-prepare").getKey()).errorCode("ORDER_INVALID").send().join();
    ActivatedJob reject = h.awaitJob("esp-reject");
    assertEquals(invalid, reject.getProcessInstanceKey());
    h.complete(reject, Map.of());
    h.awaitCompleted(invalid);
  }

  @Test
  void signalEventsRelayAndStartTheArchive() {
    deployFile("signal-events.bpmn");
    long relay = start("SignalRelay", Map.of("relayId", "r-1"));
    ActivatedJob work = h.awaitJob("sig-work");
    client().newBroadcastSignalCommand().signalName("sig-status").send().join();
    h.complete(h.awaitJob("sig-report"), Map.of());
    h.complete(work, Map.of());
    assertTrue(h.isActive(relay), "waits for the go signal");
    client().newBroadcastSignalCommand().signalName("sig-go").send().join();
    h.awaitCompleted(relay);
    ActivatedJob archive = h.awaitJob("sig-archive");
    assertTrue(archive.getProcessInstanceKey() != relay, "the end event's signal started a new instance");
    assertEquals("r-1", archive.getVariablesAsMap().get("relayId"));
    h.complete(archive, Map.of());
    h.awaitCompleted(archive.getProcessInstanceKey());

    long aborted = start("SignalRelay", Map.of("relayId", "r-2"));
    ActivatedJob abortedWork = h.awaitJob("sig-work");
    client().newBroadcastSignalCommand().signalName("sig-abort").send().join();
    h.awaitCompleted(aborted);
    assertThrows(ClientStatusException.class, () -> h.complete(abortedWork, Map.of()));
  }

  @Test
  void escalationsAskTheManagerOrHandleTheRejection() {
    deployFile("escalation-events.bpmn");
    long big = start("EscalationReview");
    h.complete(h.awaitJob("esc-check"), Map.of("amount", 5000));
    ActivatedJob notify = h.awaitJob("esc-notify");
    ActivatedJob finish = h.awaitJob("esc-finish");
    assertEquals(big, notify.getProcessInstanceKey());
    h.complete(notify, Map.of());
    h.complete(finish, Map.of());
    h.awaitCompleted(big);
    assertTrue(h.activateNow("esc-rejected").isEmpty());

    long small = start("EscalationReview");
    h.complete(h.awaitJob("esc-check"), Map.of("amount", 10));
    ActivatedJob handle = h.awaitJob("esc-rejected");
    assertEquals(small, handle.getProcessInstanceKey());
    assertTrue(h.activateNow("esc-notify").isEmpty());
    h.complete(handle, Map.of());
    h.awaitCompleted(small);
  }

  @Test
  void linkEventsJoinTheSteps() {
    deployFile("link-events.bpmn");
    long pi = start("LinkedSteps");
    h.complete(h.awaitJob("link-step-one"), Map.of("one", 1));
    ActivatedJob two = h.awaitJob("link-step-two");
    assertEquals(1, ((Number) two.getVariablesAsMap().get("one")).intValue());
    h.complete(two, Map.of());
    h.awaitCompleted(pi);
  }

  @Test
  void cronTimerStartsOnEveryWeekdayMorning() {
    deployFile("cron-timer.bpmn");
    h.clock.advance(Duration.ofDays(7));
    List<ActivatedJob> reports = h.awaitJobs("cron-report", 5);
    assertEquals(5, Set.copyOf(reports.stream().map(ActivatedJob::getProcessInstanceKey).toList()).size());
    assertTrue(h.activateNow("cron-report").isEmpty(), "any seven days hold five weekday mornings");
    reports.forEach(r -> h.complete(r, Map.of()));
  }
}
