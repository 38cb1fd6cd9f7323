package dev.modelgate.workflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelgate.audit.AuditTrail;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Stage;
import dev.modelgate.store.Ids;
import dev.modelgate.store.Store;
import dev.modelgate.workflow.MessageDeliveries;
import dev.modelgate.workflow.ProductionLock;
import dev.modelgate.workflow.Stages;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.WorkflowRepository;
import dev.modelgate.workflow.WorkflowType;
import dev.modelgate.workflow.engine.BpmnError;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.outbound.OutboundCall;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which version of a model serves production when promotions overlap or a promotion step is killed half
 * way: never two, and a rollback puts back the version its promotion archived. The crash is an
 * {@link Error} thrown from the audit trail right after a stage change, which nothing catches: the store
 * stays as a SIGKILL at that moment leaves it, and running the step again is the engine's retry.
 */
class ProductionSwapTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final class Crash extends Error {}

  Store store;
  ModelVersionRepository versions;
  WorkflowRepository workflows;
  WorkflowJournal journal;
  final String project = Ids.newId();
  /** Replaced per test: where stage changes are audited (and where a test crashes). */
  AuditTrail audit = AuditTrail.NONE;

  @BeforeEach
  void open() throws Exception {
    store = Store.open(Optional.empty(), "swap", Files.createTempDirectory("modelgate-swap-"));
    versions = new ModelVersionRepository(store);
    versions.ensureIndexes();
    workflows = new WorkflowRepository(store);
    workflows.ensureIndexes();
    MessageDeliveries deliveries = new MessageDeliveries(store);
    deliveries.ensureIndexes();
    journal = new WorkflowJournal(workflows, deliveries, CLOCK);
  }

  @AfterEach
  void close() {
    store.close();
  }

  Stages stages() {
    ProductionLock lock = new ProductionLock(store, CLOCK);
    lock.ensureIndexes();
    return new Stages(versions, lock, e -> audit.record(e), CLOCK);
  }

  ModelVersion version(String v, Stage... path) {
    ModelVersion mv = new ModelVersion(Ids.newId(), project, "team", "m", v, Map.of("auc", 0.9), List.of(), null, null,
        Stage.NONE, List.of(), "sam", NOW, null);
    versions.insert(mv);
    Stage at = Stage.NONE;
    for (Stage next : path) {
      versions.changeStage(mv.id(), at, new ModelVersion.StageChange(next, NOW, "sam", null, null));
      at = next;
    }
    return versions.find(mv.id()).orElseThrow();
  }

  /** A promotion workflow of the version, and the job of one of its steps. */
  JobInput promotionJob(ModelVersion v, String type) {
    String id = Ids.newId();
    workflows.insert(new Workflow(id, WorkflowType.PROMOTION, "team", project, v.id(), "m", v.version(), "sam", "sam",
        Workflow.Status.RUNNING, null, 1L, List.of(), List.of(), new LinkedHashMap<>(), NOW, null, List.of()));
    return job(id, type);
  }

  static JobInput job(String workflowId, String type) {
    return new JobInput(Math.abs(workflowId.hashCode()) + type.length(), type, 1, "model-promotion", type, 3,
        Map.of("workflowId", workflowId), Map.of());
  }

  List<String> production() {
    return versions.allInStage(project, "m", Stage.PRODUCTION).stream().map(ModelVersion::version).toList();
  }

  static OutboundCall delivered() {
    return (team, event, payload) -> new OutboundCall.Result(true, 1, 200, event + " delivered");
  }

  @Test
  void twoPromotionsOfOneModelReachingProductionTogetherLeaveOneProductionVersion() throws Exception {
    version("1.0", Stage.PRODUCTION);
    ModelVersion a = version("2.0", Stage.STAGING, Stage.CANARY);
    ModelVersion b = version("2.1", Stage.STAGING, Stage.CANARY);
    // Both steps are past their look at production and at the webhook before either changes a stage.
    CyclicBarrier bothCalled = new CyclicBarrier(2);
    OutboundCall together = (team, event, payload) -> {
      try {
        bothCalled.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return new OutboundCall.Result(true, 1, 200, "ok");
    };
    PromoteToProductionWorker worker = new PromoteToProductionWorker(together, versions, stages(), journal);
    JobInput jobA = promotionJob(a, "promote-to-production");
    JobInput jobB = promotionJob(b, "promote-to-production");
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      Future<?> fa = pool.submit(() -> worker.handle(jobA));
      Future<?> fb = pool.submit(() -> worker.handle(jobB));
      fa.get(30, TimeUnit.SECONDS);
      fb.get(30, TimeUnit.SECONDS);
    }
    assertEquals(1, production().size(), () -> "production versions of model m: " + production());
    assertEquals(3, versions.allInStage(project, "m", Stage.ARCHIVED).size() + production().size());
  }

  @Test
  void aRollbackAfterAPromotionKilledHalfWayRestoresTheVersionItArchived() throws Exception {
    version("1.0", Stage.PRODUCTION);
    ModelVersion candidate = version("2.0", Stage.STAGING, Stage.CANARY);
    JobInput promote = promotionJob(candidate, "promote-to-production");
    // Killed right after the old version was archived, before the candidate moved in.
    AtomicBoolean crashed = new AtomicBoolean();
    audit = e -> {
      if ("archived".equals(e.details().get("to")) && crashed.compareAndSet(false, true)) {
        throw new Crash();
      }
    };
    assertThrows(Crash.class, () -> new PromoteToProductionWorker(delivered(), versions, stages(), journal)
        .handle(promote));
    audit = AuditTrail.NONE;

    // Run again after the restart, the traffic switch now fails: the model routes to rollback.
    OutboundCall promoteFails = (team, event, payload) -> {
      if (event.equals("promote-to-production")) {
        throw new OutboundCall.Failure("traffic switch down");
      }
      return new OutboundCall.Result(true, 1, 200, event + " delivered");
    };
    assertThrows(BpmnError.class, () -> new PromoteToProductionWorker(promoteFails, versions, stages(), journal)
        .handle(promote));
    new RollbackWorker(promoteFails, versions, stages(), journal).handle(job(promote.workflowId(), "rollback"));

    assertEquals(List.of("1.0"), production(), "the version the promotion archived serves production again");
    assertEquals(Stage.ARCHIVED, versions.find(candidate.id()).orElseThrow().stage());
  }

  @Test
  void aRollbackDoesNotRestoreOverAnotherPromotionThatReplacedTheVersion() throws Exception {
    ModelVersion old = version("1.0", Stage.PRODUCTION);
    ModelVersion failing = version("2.0", Stage.STAGING, Stage.CANARY);
    ModelVersion other = version("2.1", Stage.STAGING, Stage.CANARY);
    JobInput failingJob = promotionJob(failing, "promote-to-production");
    OutboundCall promoteFails = (team, event, payload) -> {
      if (event.equals("promote-to-production")) {
        throw new OutboundCall.Failure("traffic switch down");
      }
      return new OutboundCall.Result(true, 1, 200, event + " delivered");
    };
    // The failing promotion looked at production (1.0) and failed; another promotion replaced 1.0 meanwhile.
    assertThrows(BpmnError.class, () -> new PromoteToProductionWorker(promoteFails, versions, stages(), journal)
        .handle(failingJob));
    new PromoteToProductionWorker(delivered(), versions, stages(), journal)
        .handle(promotionJob(other, "promote-to-production"));
    new RollbackWorker(promoteFails, versions, stages(), journal).handle(job(failingJob.workflowId(), "rollback"));

    assertEquals(List.of("2.1"), production());
    assertEquals(Stage.ARCHIVED, versions.find(old.id()).orElseThrow().stage());
  }

  @Test
  void aPromotionStepRepeatedAfterALaterPromotionReplacedItsVersionChangesNothing() throws Exception {
    version("1.0", Stage.PRODUCTION);
    ModelVersion first = version("2.0", Stage.STAGING, Stage.CANARY);
    ModelVersion second = version("2.1", Stage.STAGING, Stage.CANARY);
    JobInput firstJob = promotionJob(first, "promote-to-production");
    PromoteToProductionWorker worker = new PromoteToProductionWorker(delivered(), versions, stages(), journal);
    // The first promotion's step moved its version in, and the server died before the engine heard of it.
    worker.handle(firstJob);
    worker.handle(promotionJob(second, "promote-to-production"));

    // After the restart the engine hands the first step out again.
    worker.handle(firstJob);

    assertEquals(List.of("2.1"), production());
    assertEquals(Stage.ARCHIVED, versions.find(first.id()).orElseThrow().stage());
  }
}
