package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.engine.EngineHarness;
import dev.modelgate.engine.EngineTestBase;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.BroadcastSignalResponse;
import io.camunda.client.api.response.CorrelateMessageResponse;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.response.Job;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The REST API's commands beyond jobs and instances — signal broadcast, decision evaluation, message
 * correlation — and the job search, through the real Camunda client preferring REST.
 */
class RestCommandsTest extends EngineTestBase {

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

  private static ActivatedJob awaitRestJob(String type) {
    long deadline = System.nanoTime() + EngineHarness.DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      List<ActivatedJob> jobs = rest().newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(500)).send().join().getJobs();
      if (!jobs.isEmpty()) {
        return jobs.get(0);
      }
    }
    throw new AssertionError("no job of type " + type + " over REST");
  }

  // ------------------------------------------------------------------ signals

  @Test
  void aSignalBroadcastOverRestStartsAndReleasesInstances() {
    String signal = unique("go");
    String starter = unique("signal-start");
    String waiter = unique("signal-wait");
    String startedTask = unique("started");
    String releasedTask = unique("released");
    deploy(Bpmn.createExecutableProcess(starter).startEvent("s").signal(signal)
        .serviceTask("t", t -> t.zeebeJobType(startedTask)).endEvent().done());
    deploy(Bpmn.createExecutableProcess(waiter).startEvent().intermediateCatchEvent("wait", e -> e.signal(signal))
        .serviceTask("t", t -> t.zeebeJobType(releasedTask)).endEvent().done());
    long waiting = start(waiter);
    h.await(() -> h.isActive(waiting), "the waiter waits");

    BroadcastSignalResponse response = rest().newBroadcastSignalCommand().signalName(signal)
        .variables(Map.of("order", "o-7")).send().join();
    assertTrue(response.getKey() > 0);
    assertEquals("<default>", response.getTenantId());

    ActivatedJob started = awaitRestJob(startedTask);
    assertEquals(starter, started.getBpmnProcessId());
    assertEquals("o-7", started.getVariablesAsMap().get("order"));
    ActivatedJob released = awaitRestJob(releasedTask);
    assertEquals(waiting, released.getProcessInstanceKey());
    assertEquals("o-7", released.getVariablesAsMap().get("order"));
  }

  @Test
  void aSignalWithoutNameIsABadRequest() {
    ProblemException p = problem(() -> rest().newBroadcastSignalCommand().signalName("").send().join());
    assertEquals(400, p.code());
  }

  // ------------------------------------------------------------------ decisions

  @Test
  void decisionEvaluationOverRestListsEveryEvaluatedDecision() {
    DeploymentEvent event = rest().newDeployResourceCommand().addResourceFromClasspath("dmn/discount.dmn").send()
        .join();
    EvaluateDecisionResponse r = rest().newEvaluateDecisionCommand().decisionId("final-price")
        .variables(Map.of("customerType", "gold", "orderAmount", 200)).send().join();
    assertEquals("final-price", r.getDecisionId());
    assertEquals("Final price", r.getDecisionName());
    assertEquals(event.getDecisions().get(1).getDecisionKey(), r.getDecisionKey());
    assertEquals(event.getDecisions().get(1).getVersion(), r.getDecisionVersion());
    assertEquals("discount-rules", r.getDecisionRequirementsId());
    assertEquals(event.getDecisionRequirements().get(0).getDecisionRequirementsKey(), r.getDecisionRequirementsKey());
    assertEquals(170, Double.parseDouble(r.getDecisionOutput()), 1e-9);
    assertTrue(r.getFailureMessage() == null || r.getFailureMessage().isEmpty(), r.getFailureMessage());
    assertTrue(r.getDecisionInstanceKey() > 0);

    List<EvaluatedDecision> evaluated = r.getEvaluatedDecisions();
    assertEquals(List.of("discount", "final-price"), evaluated.stream().map(EvaluatedDecision::getDecisionId).toList());
    EvaluatedDecision table = evaluated.get(0);
    assertEquals("DECISION_TABLE", table.getDecisionType());
    assertEquals(event.getDecisions().get(0).getDecisionKey(), table.getDecisionKey());
    assertEquals("0.15", table.getDecisionOutput());
    assertEquals(List.of("Input_customerType", "Input_orderAmount"),
        table.getEvaluatedInputs().stream().map(i -> i.getInputId()).toList());
    assertEquals("\"gold\"", table.getEvaluatedInputs().get(0).getInputValue());
    assertEquals(1, table.getMatchedRules().size());
    assertEquals("Rule_gold_large", table.getMatchedRules().get(0).getRuleId());
    assertEquals(1, table.getMatchedRules().get(0).getRuleIndex());
    assertEquals("0.15", table.getMatchedRules().get(0).getEvaluatedOutputs().get(0).getOutputValue());

    EvaluateDecisionResponse byKey = rest().newEvaluateDecisionCommand()
        .decisionKey(event.getDecisions().get(0).getDecisionKey())
        .variables(Map.of("customerType", "silver", "orderAmount", 10)).send().join();
    assertEquals("discount", byKey.getDecisionId());
    assertEquals("0.05", byKey.getDecisionOutput());
    assertNotEquals(r.getDecisionInstanceKey(), byKey.getDecisionInstanceKey());
  }

  @Test
  void aFailingDecisionNamesTheFailedDecision() {
    rest().newDeployResourceCommand().addResourceFromClasspath("dmn/risk.dmn").send().join();
    EvaluateDecisionResponse ok = rest().newEvaluateDecisionCommand().decisionId("risk")
        .variables(Map.of("country", "CH")).send().join();
    assertTrue(ok.getFailedDecisionId() == null || ok.getFailedDecisionId().isEmpty());
    EvaluateDecisionResponse failed = rest().newEvaluateDecisionCommand().decisionId("risk")
        .variables(Map.of("country", "AT")).send().join();
    assertEquals("risk", failed.getFailedDecisionId());
    assertTrue(failed.getFailureMessage().startsWith("Expected to evaluate decision 'risk', but "),
        failed.getFailureMessage());
  }

  @Test
  void anUnknownDecisionIsNotFound() {
    assertEquals(404, problem(() -> rest().newEvaluateDecisionCommand().decisionId(unique("nothing")).send().join())
        .code());
    assertEquals(404, problem(() -> rest().newEvaluateDecisionCommand().decisionKey(42).send().join()).code());
  }

  // ------------------------------------------------------------------ message correlation

  @Test
  void correlationReachesEveryWaitingInstanceAnswersTheFirstAndIsNotBuffered() {
    String id = unique("wait-msg");
    String message = unique("paid");
    String after = unique("after");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait", e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("order")))
        .serviceTask("t", t -> t.zeebeJobType(after)).endEvent().done());
    long first = start(id, Map.of("order", "o-1"));
    long second = start(id, Map.of("order", "o-1"));
    long other = start(id, Map.of("order", "o-2"));
    h.await(() -> h.isActive(first) && h.isActive(second) && h.isActive(other), "all wait");

    CorrelateMessageResponse r = rest().newCorrelateMessageCommand().messageName(message).correlationKey("o-1")
        .variables(Map.of("amount", 12)).send().join();
    assertEquals(first, r.getProcessInstanceKey(), "the first instance the message reached");
    assertTrue(r.getMessageKey() > 0);
    assertEquals("<default>", r.getTenantId());
    List<ActivatedJob> jobs = h.awaitJobs(after, 2);
    assertEquals(Set.of(first, second), jobs.stream().map(ActivatedJob::getProcessInstanceKey)
        .collect(Collectors.toSet()));
    for (ActivatedJob job : jobs) {
      assertEquals(12, ((Number) job.getVariablesAsMap().get("amount")).intValue());
    }

    assertEquals(404, problem(() -> rest().newCorrelateMessageCommand().messageName(message).correlationKey("o-1")
        .send().join()).code(), "nobody waits for o-1 any more");
    long late = start(id, Map.of("order", "o-1"));
    h.await(() -> h.isActive(late), "a late instance waits");
    assertTrue(h.activateNow(after).isEmpty(), "no correlation was buffered for the late instance");

    CorrelateMessageResponse o2 = rest().newCorrelateMessageCommand().messageName(message).correlationKey("o-2")
        .send().join();
    assertEquals(other, o2.getProcessInstanceKey());
    assertNotEquals(r.getMessageKey(), o2.getMessageKey());
    assertEquals(other, awaitRestJob(after).getProcessInstanceKey());
  }

  @Test
  void correlationStartsAnInstanceAtAMessageStartEvent() {
    String id = unique("msg-start");
    String message = unique("order-placed");
    String task = unique("handle");
    deploy(Bpmn.createExecutableProcess(id).startEvent("s").message(message)
        .serviceTask("t", t -> t.zeebeJobType(task)).endEvent().done());
    CorrelateMessageResponse r = rest().newCorrelateMessageCommand().messageName(message).correlationKey("k-1")
        .variables(Map.of("item", "book")).send().join();
    ActivatedJob job = awaitRestJob(task);
    assertEquals(r.getProcessInstanceKey(), job.getProcessInstanceKey());
    assertEquals(id, job.getBpmnProcessId());
    assertEquals("book", job.getVariablesAsMap().get("item"));
    assertEquals(404, problem(() -> rest().newCorrelateMessageCommand().messageName(message).correlationKey("k-1")
        .send().join()).code(), "one instance per correlation key while it runs");
  }

  @Test
  void correlationOfAnUnknownMessageIsNotFound() {
    ProblemException p = problem(() -> rest().newCorrelateMessageCommand().messageName(unique("nobody"))
        .withoutCorrelationKey().send().join());
    assertEquals(404, p.code());
  }

  // ------------------------------------------------------------------ job search

  @Test
  void jobSearchShowsJobsWithTheirStateFromTheHistory() {
    String id = unique("jobs");
    String type = unique("work");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("t", t -> t.zeebeJobType(type).zeebeJobRetries("3").zeebeTaskHeader("kind", "demo"))
        .endEvent().done());
    long done = start(id);
    long failed = start(id);
    ActivatedJob a = awaitRestJob(type);
    ActivatedJob b = awaitRestJob(type);
    ActivatedJob toComplete = a.getProcessInstanceKey() == done ? a : b;
    ActivatedJob toFail = toComplete == a ? b : a;
    rest().newCompleteCommand(toComplete.getKey()).send().join();
    rest().newFailCommand(toFail.getKey()).retries(2).errorMessage("boom").send().join();
    h.awaitCompleted(done);

    SearchResponse<Job> byType = rest().newJobSearchRequest().filter(f -> f.type(type))
        .sort(s -> s.jobKey().asc()).send().join();
    assertEquals(2, byType.items().size());
    assertEquals(2, byType.page().totalItems());
    Job completed = byType.items().stream().filter(j -> j.getProcessInstanceKey() == done).findFirst().orElseThrow();
    assertEquals(JobState.COMPLETED, completed.getState());
    assertEquals(toComplete.getKey(), completed.getJobKey());
    assertEquals(id, completed.getProcessDefinitionId());
    assertEquals("t", completed.getElementId());
    assertEquals(toComplete.getElementInstanceKey(), completed.getElementInstanceKey());
    assertEquals("demo", completed.getCustomerHeaders().get("kind"));
    assertEquals("<default>", completed.getTenantId());

    SearchResponse<Job> onlyFailed = rest().newJobSearchRequest()
        .filter(f -> f.processInstanceKey(failed).state(JobState.FAILED)).send().join();
    assertEquals(1, onlyFailed.items().size());
    Job f = onlyFailed.items().get(0);
    assertEquals(toFail.getKey(), f.getJobKey());
    assertEquals(2, f.getRetries());
    assertEquals("boom", f.getErrorMessage());
    assertTrue(f.hasFailedWithRetriesLeft());

    SearchResponse<Job> firstPage = rest().newJobSearchRequest().filter(x -> x.type(type))
        .sort(s -> s.jobKey().desc()).page(p -> p.limit(1)).send().join();
    assertEquals(1, firstPage.items().size());
    assertEquals(2, firstPage.page().totalItems());
    assertEquals(Math.max(toComplete.getKey(), toFail.getKey()), firstPage.items().get(0).getJobKey());
    assertNull(rest().newJobSearchRequest().filter(x -> x.type(unique("none"))).send().join().page().endCursor());
  }
}
