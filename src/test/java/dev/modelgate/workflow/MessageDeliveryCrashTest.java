package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.Ids;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.engine.ProcessEngine;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message to a workflow when the process dies in the middle of delivering it (the operator's kill -9
 * during {@code POST /workflows/{id}/messages/{name}}): the sender saw no answer, so it sends again, or
 * nobody does and the restart must finish it. Either way the engine gets the message once, the workflow
 * stops showing the wait, and one timeline line and one audit entry say so. The crash is the fake engine
 * throwing an {@link Error} at the chosen moment, which the service does not catch: the store is left
 * exactly as a SIGKILL at that point would leave it, and a new service over the same store is the restart.
 */
class MessageDeliveryCrashTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Principal CI = new Principal("ci", "CI", false, Map.of("msgs", Set.of(Role.ENGINEER)), "api-token");
  static Store store;
  static WorkflowRepository workflows;

  /** The process dying. */
  static final class Crash extends Error {}

  /** Keeps published message ids like the engine (a known id is not published again); may crash. */
  static final class Engine implements ProcessEngine {
    final Set<String> messageIds = new LinkedHashSet<>();
    final List<String> publishCalls = new ArrayList<>();
    boolean crashBeforePublish;
    boolean crashAfterPublish;

    @Override
    public boolean publishMessage(String name, String correlationKey, String messageId, Duration ttl,
        Map<String, Object> variables) {
      publishCalls.add(messageId);
      if (crashBeforePublish) {
        crashBeforePublish = false;
        throw new Crash();
      }
      boolean fresh = messageIds.add(messageId);
      if (crashAfterPublish) {
        crashAfterPublish = false;
        throw new Crash();
      }
      return fresh;
    }

    @Override
    public List<String> deploy(List<Resource> resources) {
      return List.of();
    }

    @Override
    public long startInstance(String bpmnProcessId, Map<String, Object> variables) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean cancelInstance(long processInstanceKey) {
      return false;
    }

    @Override
    public boolean completeJob(long jobKey, Map<String, Object> variables) {
      return false;
    }

    @Override
    public boolean extendJob(long jobKey, Duration timeout) {
      return false;
    }

    @Override
    public void openWorker(JobHandler handler, Duration lease) {}

    @Override
    public void openHoldingWorker(String jobType, Duration lease, Duration hold, Predicate<JobInput> holds) {}

    @Override
    public void close() {}
  }

  /** Each test its own store: the sweep reads every unfinished delivery. */
  @BeforeEach
  void open() throws Exception {
    store = Store.open(Optional.empty(), "messages", Files.createTempDirectory("modelgate-wf-messages-"));
    workflows = new WorkflowRepository(store);
    workflows.ensureIndexes();
    new MessageDeliveries(store).ensureIndexes();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A new service over the same store: what a restarted server builds. */
  static Workflows service(Engine engine, List<AuditEvent> audit) {
    return new Workflows(null, null, null, workflows, new MessageDeliveries(store), null, engine, audit::add, CLOCK);
  }

  /** A promotion waiting for deployment-finished, as the deploy-to-staging worker leaves it. */
  static Workflow waitingForDeployment() {
    String id = Ids.newId();
    Workflow w = new Workflow(id, WorkflowType.PROMOTION, "msgs", "p-" + id, "v-" + id, "m", "1." + id, "sam", "sam",
        Workflow.Status.RUNNING, null, 42L, List.of(), List.of(), new java.util.LinkedHashMap<>(), NOW, null, List.of());
    workflows.insert(w);
    workflows.addStep(id, new Workflow.Step(Workflow.Step.messageKey("deployment-finished"), "message",
        "deployment-finished", "Waiting for deployment-finished", null, null, NOW));
    return workflows.find(id).orElseThrow();
  }

  static long messageLines(String workflowId) {
    return workflows.find(workflowId).orElseThrow().timeline().stream()
        .filter(e -> e.step().equals("deployment-finished")).count();
  }

  static final JsonObject SUCCEEDED = new JsonObject().put("succeeded", true);

  @Test
  void aResendAfterACrashBeforeTheEngineGotTheMessageDeliversIt() {
    Workflow w = waitingForDeployment();
    Engine engine = new Engine();
    engine.crashBeforePublish = true;
    List<AuditEvent> audit = new ArrayList<>();
    assertThrows(Crash.class, () -> service(engine, audit).message(w, "deployment-finished", CI, SUCCEEDED));

    // The sender saw no answer: after the restart it sends the same message again.
    Workflows restarted = service(engine, audit);
    Workflow current = workflows.find(w.id()).orElseThrow();
    assertTrue(current.waitsFor("deployment-finished"), "the wait is shown until the engine has the message");
    Workflow after = restarted.message(current, "deployment-finished", CI, SUCCEEDED);

    assertEquals(Set.of(w.id() + ":deployment-finished"), engine.messageIds);
    assertFalse(after.waitsFor("deployment-finished"));
    assertEquals(1, messageLines(w.id()));
    assertEquals(1, audit.stream().filter(a -> a.action().equals("workflow.message")).count());
    Refusal again = assertThrows(Refusal.class,
        () -> restarted.message(workflows.find(w.id()).orElseThrow(), "deployment-finished", CI, SUCCEEDED));
    assertEquals(Refusal.Kind.CONFLICT, again.kind(), "delivered once: a third send is refused");
  }

  @Test
  void theRestartFinishesADeliveryTheEngineTookBeforeTheCrash() {
    Workflow w = waitingForDeployment();
    Engine engine = new Engine();
    engine.crashAfterPublish = true;
    List<AuditEvent> audit = new ArrayList<>();
    assertThrows(Crash.class, () -> service(engine, audit).message(w, "deployment-finished", CI, SUCCEEDED));

    assertEquals(1, service(engine, audit).resumeDeliveries());

    Workflow after = workflows.find(w.id()).orElseThrow();
    assertFalse(after.waitsFor("deployment-finished"), "the engine is past the wait: the workflow no longer shows it");
    assertEquals(1, engine.messageIds.size(), "the engine kept one message");
    assertEquals(1, messageLines(w.id()));
    assertEquals(1, audit.stream().filter(a -> a.action().equals("workflow.message")).count());
    assertEquals(0, service(engine, audit).resumeDeliveries(), "nothing left to finish");
  }

  @Test
  void aDifferentMessageWhileOneIsUnfinishedIsRefusedAndChangesNothing() {
    Workflow w = waitingForDeployment();
    Engine engine = new Engine();
    engine.crashBeforePublish = true;
    List<AuditEvent> audit = new ArrayList<>();
    assertThrows(Crash.class, () -> service(engine, audit).message(w, "deployment-finished", CI, SUCCEEDED));

    Refusal refused = assertThrows(Refusal.class, () -> service(engine, audit).message(
        workflows.find(w.id()).orElseThrow(), "deployment-finished", CI,
        new JsonObject().put("succeeded", false).put("detail", "other")));
    assertEquals(Refusal.Kind.CONFLICT, refused.kind());
    assertTrue(engine.messageIds.isEmpty());
    assertTrue(workflows.find(w.id()).orElseThrow().waitsFor("deployment-finished"));
  }

  @Test
  void aStepRepeatedAfterTheMessageWasDeliveredDoesNotShowTheWaitAgain() {
    Workflow w = waitingForDeployment();
    Engine engine = new Engine();
    List<AuditEvent> audit = new ArrayList<>();
    service(engine, audit).message(w, "deployment-finished", CI, SUCCEEDED);

    // deploy-to-staging ran again (its job was handed out again after a crash before it completed).
    JobInput job = new JobInput(7, "deploy-to-staging", 42, "model-promotion", "deploy-to-staging", 3,
        Map.of("workflowId", w.id()), Map.of("waitsFor", "deployment-finished"));
    new WorkflowJournal(workflows, new MessageDeliveries(store), CLOCK).waitForMessage(job, "deployment-finished");

    assertFalse(workflows.find(w.id()).orElseThrow().waitsFor("deployment-finished"),
        "the engine holds the message until the workflow reaches it; nobody needs to send it again");
  }
}
