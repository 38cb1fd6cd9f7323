package dev.modelgate.workflow;

import dev.modelgate.audit.AuditTrail;
import dev.modelgate.feature.Background;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.notify.Notifier;
import dev.modelgate.notify.webhook.PinnedHttp;
import dev.modelgate.pages.PageKit;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.store.Store;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.workflow.api.WorkflowRoutes;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.ProcessEngine;
import dev.modelgate.workflow.outbound.OutboundCall;
import dev.modelgate.workflow.outbound.SignedWebhookCall;
import dev.modelgate.workflow.pages.BpmnDiagrams;
import dev.modelgate.workflow.pages.DashboardPages;
import dev.modelgate.workflow.pages.SubjectWorkflows;
import dev.modelgate.workflow.pages.TaskPages;
import dev.modelgate.workflow.pages.WorkflowPages;
import dev.modelgate.workflow.settings.TeamSettingsService;
import dev.modelgate.workflow.workers.CollectEvidenceWorker;
import dev.modelgate.workflow.workers.DeployToStagingWorker;
import dev.modelgate.workflow.workers.EvaluateCanaryWorker;
import dev.modelgate.workflow.workers.NotifyWorker;
import dev.modelgate.workflow.workers.PromoteToProductionWorker;
import dev.modelgate.workflow.workers.RecordOutcomeWorker;
import dev.modelgate.workflow.workers.RegisterRetrainedVersionWorker;
import dev.modelgate.workflow.workers.RollbackWorker;
import dev.modelgate.workflow.workers.StartCanaryWorker;
import dev.modelgate.workflow.workers.TriggerRetrainingWorker;
import dev.modelgate.workflow.workers.ValidateMetricsWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The workflow feature assembled: read model, inbox, job workers, routes and pages, over a
 * {@link ProcessEngine}. {@link #start} deploys the models and opens the workers; {@link #close} stops them
 * and closes the engine connection the feature was wired with ({@link #wire}).
 */
public final class WorkflowFeature implements Feature {

  /**
   * How long the engine lets ModelGate hold a job it activated before handing it out again. Short, because
   * after a crash nothing else gives back a job that was activated but not finished: the restarted server
   * gets it within one lease. A running handler renews its lease, so slow steps are not cut short.
   */
  static final Duration JOB_LEASE = Duration.ofSeconds(15);
  /**
   * A human task's job, once the task is stored, is held this long and extended every
   * {@link #KEEP_ALIVE_EVERY} while the task is open.
   */
  static final Duration USER_TASK_JOB_HOLD = Duration.ofHours(1);
  static final Duration KEEP_ALIVE_EVERY = Duration.ofMinutes(10);
  /**
   * After start-up, how long a workflow whose launch never heard from the engine may wait for a first job
   * before it counts as never started: many job leases, so an instance the engine has is surely seen.
   */
  static final Duration LAUNCH_GRACE = Duration.ofMinutes(2);

  private final ProcessEngine engine;
  private final Registry registry;
  private EngineConnection connection;
  private final WorkflowRepository workflowRepository;
  private final TaskRepository taskRepository;
  private final ApprovalRepository approvalRepository;
  private final Inbox inbox;
  private final Workflows workflows;
  private final WorkflowRoutes routes;
  private final WorkflowActions actions;
  private final List<JobHandler> handlers;
  private final WorkflowJournal journal;
  private final MessageDeliveries deliveries;
  private final ProductionLock productionLock;
  private final ListBackfill backfill;
  private final WorkflowFacts facts;
  private final WorkflowHealth health;
  private final java.util.concurrent.ScheduledExecutorService keepAlive =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("modelgate-task-keepalive").daemon(true).factory());

  public WorkflowFeature(Store store, Registry registry, ModelVersionRepository versions,
      TeamSettingsService settings, ProcessEngine engine, OutboundCall outbound, AuditTrail audit, Notifier notifier,
      StepTimeRecorder stepTimes, RoleHolders roleHolders, Clock clock) {
    this.engine = engine;
    this.registry = registry;
    this.workflowRepository = new WorkflowRepository(store);
    this.deliveries = new MessageDeliveries(store);
    this.productionLock = new ProductionLock(store, clock);
    this.taskRepository = new TaskRepository(store);
    this.approvalRepository = new ApprovalRepository(store);
    this.workflows = new Workflows(registry, versions, settings, workflowRepository, deliveries, taskRepository,
        engine, audit, clock);
    this.inbox = new Inbox(taskRepository, approvalRepository, workflowRepository, versions, engine, audit, notifier,
        stepTimes, roleHolders, clock);
    this.actions = new WorkflowActions(registry, workflows, taskRepository);
    this.routes = new WorkflowRoutes(registry, workflows, inbox, approvalRepository, taskRepository,
        new ProductionHistory(versions, workflowRepository), actions);
    this.journal = new WorkflowJournal(workflowRepository, deliveries, clock);
    this.backfill = new ListBackfill(store, workflowRepository, approvalRepository, taskRepository);
    this.facts = new WorkflowFacts(store);
    this.health = new WorkflowHealth(workflowRepository, clock);
    Stages stages = new Stages(versions, productionLock, audit, clock);
    this.handlers = List.of(
        new ValidateMetricsWorker(versions, journal),
        new CollectEvidenceWorker(versions, approvalRepository, journal),
        new DeployToStagingWorker(outbound, stages, journal),
        new StartCanaryWorker(outbound, stages, journal),
        new EvaluateCanaryWorker(versions, journal),
        new PromoteToProductionWorker(outbound, versions, stages, journal),
        new RollbackWorker(outbound, versions, stages, journal),
        new TriggerRetrainingWorker(outbound, journal),
        new RegisterRetrainedVersionWorker(registry, versions, workflows, journal),
        new RecordOutcomeWorker(workflows, journal, notifier),
        new NotifyWorker(notifier, taskRepository, roleHolders, journal));
  }

  /**
   * Puts a worker's technical failure on the workflow's timeline, and marks the workflow when the last
   * retry is used up (the engine then raises an incident), so people see it without engine internals.
   */
  record Journaled(JobHandler handler, WorkflowJournal journal) implements JobHandler {
    @Override
    public String jobType() {
      return handler.jobType();
    }

    @Override
    public java.util.Map<String, Object> handle(dev.modelgate.workflow.engine.JobInput job) throws Exception {
      try {
        return handler.handle(job);
      } catch (dev.modelgate.workflow.engine.BpmnError e) {
        throw e;
      } catch (Exception e) {
        int left = Math.max(0, job.retries() - 1);
        String workflowId = job.string("workflowId").orElse(null);
        if (workflowId != null) {
          journal.event(workflowId, job.elementId(), left == 0 ? "Incident" : "Step failed",
              left == 0 ? "incident" : "failure", WorkflowJournal.SYSTEM,
              e.getMessage() + (left == 0 ? " (no retries left: incident, resolve it in the engine)"
                  : " (" + left + " retries left)"));
          if (left == 0) {
            journal.setDetail(workflowId, "incident", job.elementId() + ": " + e.getMessage());
          }
        }
        throw e;
      }
    }
  }

  public void ensureIndexes() {
    workflowRepository.ensureIndexes();
    deliveries.ensureIndexes();
    productionLock.ensureIndexes();
    taskRepository.ensureIndexes();
    approvalRepository.ensureIndexes();
    // Before the workers and routes: items stored before the lists and counts existed are listed and
    // counted once.
    backfill.run();
    facts.buildOnce();
  }

  /**
   * The feature over a started engine connection, which it then owns: outbound calls signed with the team's
   * webhook secret over {@code webhookHttp}, step times recorded by {@code stepTimes}, indexes ensured and
   * health gauges registered.
   */
  public static WorkflowFeature wire(Foundation f, EngineConnection connection, Registry registry,
      ModelVersionRepository versions, TeamSettingsService settings, PinnedHttp webhookHttp, Notifier notifier,
      StepTimeRecorder stepTimes, RoleHolders roleHolders) {
    WorkflowFeature feature = new WorkflowFeature(f.store(), registry, versions, settings, connection.engine(),
        new SignedWebhookCall(settings, f.store(), f.clock(), 3, Duration.ofMillis(200), webhookHttp),
        f.auditLog(), notifier, stepTimes, roleHolders, f.clock());
    feature.connection = connection;
    feature.ensureIndexes();
    feature.health().register(f.metrics());
    return feature;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(routes());
    PageKit kit = edge.kit();
    BpmnDiagrams diagrams = new BpmnDiagrams(WorkflowDeployer.MODELS.stream().map(m -> "workflows/" + m).toList());
    new DashboardPages(kit, registry, inbox, workflows).mount(edge.pages());
    new TaskPages(kit, registry, inbox, actions).mount(edge.pages());
    WorkflowPages workflowPages = new WorkflowPages(kit, registry, workflows, diagrams, actions);
    workflowPages.mount(edge.pages());
    kit.subjects().register(workflowPages);
    SubjectWorkflows subjectWorkflows = new SubjectWorkflows(kit, registry, workflows, actions);
    subjectWorkflows.mount(edge.pages());
    subjectWorkflows.contribute(kit.subjects());
  }

  /** A workflow's team, from the read model (for features that refer to workflows, e.g. discussions). */
  public Optional<String> teamOf(String workflowId) {
    return workflowRepository.find(workflowId).map(Workflow::team);
  }

  /** Deploys the BPMN models, opens one worker per job type and the human-task worker. */
  @Override
  public void start(Background background) {
    new WorkflowDeployer(engine).deploy();
    for (JobHandler h : handlers) {
      engine.openWorker(new Journaled(h, journal), JOB_LEASE);
    }
    engine.openHoldingWorker(Inbox.USER_TASK_JOB_TYPE, JOB_LEASE, USER_TASK_JOB_HOLD, inbox::receive);
    inbox.resumePending(Duration.ZERO);
    resumeDeliveries();
    keepAlive.scheduleWithFixedDelay(() -> {
      try {
        inbox.keepAlive(USER_TASK_JOB_HOLD);
        // Decisions whose job completion failed while the engine was away are completed without a restart.
        inbox.resumePending(Duration.ofMinutes(1));
      } catch (RuntimeException e) {
        // A scheduled task that throws is never run again: log, and try at the next round.
        org.slf4j.LoggerFactory.getLogger(WorkflowFeature.class).warn("task keep-alive failed: {}", e.toString());
      }
    }, KEEP_ALIVE_EVERY.toMinutes(), KEEP_ALIVE_EVERY.toMinutes(), java.util.concurrent.TimeUnit.MINUTES);
    java.time.Instant startedAt = java.time.Instant.now();
    keepAlive.schedule(() -> failLaunchesCutShort(startedAt), LAUNCH_GRACE.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    keepAlive.scheduleWithFixedDelay(this::refreshHealth, 0, WorkflowHealth.REFRESH_EVERY.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private void failLaunchesCutShort(java.time.Instant startedBefore) {
    try {
      int failed = workflows.failLaunchesCutShort(startedBefore);
      if (failed > 0) {
        org.slf4j.LoggerFactory.getLogger(WorkflowFeature.class).warn(
            "{} workflows whose start a crash interrupted never reached the engine: marked failed (not-started)",
            failed);
      }
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(WorkflowFeature.class).warn("interrupted launches not checked: {}",
          e.toString());
    }
  }

  /** Messages whose delivery a crash cut short reach the engine and the read model without a resend. */
  private void resumeDeliveries() {
    try {
      int resumed = workflows.resumeDeliveries();
      if (resumed > 0) {
        org.slf4j.LoggerFactory.getLogger(WorkflowFeature.class).info(
            "{} message deliveries a crash interrupted were finished", resumed);
      }
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(WorkflowFeature.class).warn("interrupted message deliveries not resumed: {}",
          e.toString());
    }
  }

  private void refreshHealth() {
    try {
      health.refresh();
    } catch (RuntimeException e) {
      // Gauges keep their last values; the next refresh tries again.
      org.slf4j.LoggerFactory.getLogger(WorkflowFeature.class).warn("workflow health not counted: {}", e.toString());
    }
  }

  /** The workflow health gauges (idle workflows, open incidents). */
  public WorkflowHealth health() {
    return health;
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    if (connection != null) {
      connection.close();
    }
  }

  public List<ApiRoute> routes() {
    return routes.table();
  }

  public Workflows workflows() {
    return workflows;
  }

  /** The human-task inbox, for the pages (the same service the task routes call). */
  public Inbox inbox() {
    return inbox;
  }
}
