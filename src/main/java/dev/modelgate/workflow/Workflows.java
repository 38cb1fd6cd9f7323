package dev.modelgate.workflow;

import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.json.JsonFields;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.NewModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.Stage;
import dev.modelgate.store.Ids;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.engine.ProcessEngine;
import dev.modelgate.workflow.settings.SettingsJson;
import dev.modelgate.workflow.settings.TeamSettings;
import dev.modelgate.workflow.settings.TeamSettingsService;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting, reading, messaging and cancelling workflows. Each command goes to the engine through
 * {@link ProcessEngine}, and the read model records what the command did.
 */
public final class Workflows {

  private static final Logger log = LoggerFactory.getLogger(Workflows.class);

  /** Messages people and CI may send, and how long the engine keeps one that arrives early. */
  public static final Set<String> MESSAGES = Set.of("deployment-finished", "canary-metrics-reported",
      "retraining-finished");
  static final Duration MESSAGE_TTL = Duration.ofHours(1);

  private final Registry registry;
  private final ModelVersionRepository versions;
  private final TeamSettingsService settings;
  private final WorkflowRepository workflows;
  private final MessageDeliveries deliveries;
  private final TaskRepository tasks;
  private final ProcessEngine engine;
  private final AuditTrail audit;
  private final Clock clock;

  public Workflows(Registry registry, ModelVersionRepository versions, TeamSettingsService settings,
      WorkflowRepository workflows, MessageDeliveries deliveries, TaskRepository tasks, ProcessEngine engine,
      AuditTrail audit, Clock clock) {
    this.registry = registry;
    this.deliveries = deliveries;
    this.versions = versions;
    this.settings = settings;
    this.workflows = workflows;
    this.tasks = tasks;
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
  }

  public Workflow workflow(String id) {
    Optional<Workflow> w = Ids.isValid(id) ? workflows.find(id) : Optional.empty();
    return w.orElseThrow(() -> Refusal.notFound("no workflow '" + id + "'"));
  }

  /** The running workflows of these projects, newest started first (a dashboard's overview). */
  public List<Workflow> running(List<Project> projects, int limit) {
    return workflows.runningIn(projects.stream().map(Project::id).toList(), limit);
  }

  public Page<Workflow> list(Project project, Optional<String> modelVersionId, Optional<String> status,
      PageRequest page) {
    page.requireObjectIdCursor();
    status.ifPresent(s -> {
      if (!Set.of("running", "completed", "canceled", "failed").contains(s)) {
        throw Refusal.invalid("status", "must be running, completed, canceled or failed");
      }
    });
    // The cursor is the id of the previous page's last workflow; its document knows where it is listed.
    WorkflowRepository.ListQuery q = new WorkflowRepository.ListQuery(project.id(), modelVersionId,
        status.map(Workflow.Status::parse));
    List<Workflow> fetched = workflows.listByProject(q, page.after(), page.limit() + 1)
        .orElseThrow(() -> Refusal.invalid("after", "must be the 'next' value of a previous page of "
            + "this list"));
    return Page.of(fetched, page.limit(), Workflow::id);
  }

  /** Starts a review, sign-off or promotion of a model version. */
  public Workflow start(ModelVersion version, WorkflowType type, String startedBy) {
    if (type == WorkflowType.PROMOTION && version.stage() != Stage.NONE) {
      throw Refusal.unacceptable("type", "only a version in stage 'none' can be promoted; this one is "
          + version.stage().id());
    }
    TeamSettings s = settings.settings(version.team());
    Map<String, Object> vars = settingsVariables(s);
    return launch(type, version, startedBy, vars, Map.of(), id -> {
      vars.put("workflowId", id);
      return engine.startInstance(type.processId(), vars);
    });
  }

  /** A drift report on a model in production starts retraining (by message, as the BPMN model says). */
  public Workflow reportDrift(String team, Principal by, JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("projectId", "model", "reason", "statistics"));
    String projectId = f.requiredString("projectId", 64, null, null);
    String model = f.requiredString("model", 128, null, null);
    String reason = f.optionalString("reason", 2000, null, null);
    Map<String, Double> stats = f.numberMap("statistics", false, 100, java.util.regex.Pattern.compile(
        "[A-Za-z][A-Za-z0-9_-]{0,99}"), "statistic names must be letters, digits, '_' or '-'");
    f.throwIfInvalid();
    Project project = registry.project(projectId);
    if (!project.team().equals(team)) {
      // Another team's project is, to someone outside that team, a project that does not exist (no oracle).
      if (!by.admin() && !by.isMemberOf(project.team())) {
        throw Registry.projectNotFound(projectId);
      }
      throw Refusal.unacceptable("projectId", "project '" + projectId + "' is not in team '" + team + "'");
    }
    ModelVersion production = versions.findInStage(project.id(), model, Stage.PRODUCTION)
        .orElseThrow(() -> Refusal.unacceptable("model",
            "model '" + model + "' has no version in production to retrain"));
    Map<String, Object> drift = new LinkedHashMap<>();
    drift.put("reason", reason);
    drift.put("statistics", stats == null ? Map.of() : stats);
    drift.put("reportedBy", by.username());
    Map<String, Object> vars = settingsVariables(settings.settings(team));
    vars.put("drift", drift);
    return launch(WorkflowType.RETRAINING, production, by.username(), vars, Map.of("drift", drift), id -> {
      vars.put("workflowId", id);
      // Message start event: the correlation key makes the message start at most one instance.
      engine.publishMessage("drift-detected", id, id, Duration.ZERO, vars);
      return null;
    });
  }

  private interface Launcher {
    Long launch(String workflowId) throws Exception;
  }

  private Workflow launch(WorkflowType type, ModelVersion version, String startedBy, Map<String, Object> vars,
      Map<String, Object> details, Launcher launcher) {
    String id = Ids.newId();
    Instant now = Instant.now(clock);
    Workflow w = new Workflow(id, type, version.team(), version.projectId(), version.id(), version.model(),
        version.version(), version.submittedBy(), startedBy, Workflow.Status.RUNNING, null, null, List.of(),
        List.of(new Workflow.TimelineEntry("start", "Started", "command", startedBy, now, now,
            type.id() + " of " + version.model() + " " + version.version())), new LinkedHashMap<>(details), now, null,
        List.of());
    if (!workflows.lock(w.lockKey(), id)) {
      String holder = workflows.lockHolder(w.lockKey()).orElse("?");
      throw Refusal.conflict("type", "a " + type.id() + " workflow (" + holder
          + ") is already running for this model version");
    }
    workflows.insert(w);
    vars.put("workflowType", type.id());
    vars.put("team", version.team());
    vars.put("projectId", version.projectId());
    vars.put("model", version.model());
    vars.put("version", version.version());
    vars.put("modelVersionId", version.id());
    vars.put("submittedBy", version.submittedBy());
    vars.put("startedBy", startedBy);
    try {
      Long key = launcher.launch(id);
      if (key != null) {
        workflows.setProcessInstanceKey(id, key);
      } else {
        workflows.launched(id);
      }
    } catch (Exception e) {
      log.error("could not start {} workflow {} in the engine", type.id(), id, e);
      workflows.finish(id, Workflow.Status.FAILED, "engine-unavailable", Instant.now(clock));
      workflows.unlock(w.lockKey(), id);
      throw Refusal.unavailable("the workflow engine did not accept the workflow: " + e.getMessage());
    }
    audit.record(new AuditEvent(startedBy, "workflow.started", version.team(), "workflow", id,
        Map.of("type", type.id(), "modelVersionId", version.id())));
    return workflows.find(id).orElseThrow();
  }

  /** The team's settings as the process variables the BPMN models read. */
  static Map<String, Object> settingsVariables(TeamSettings s) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("gatePolicy", Plain.of(SettingsJson.gate(s.gate())));
    vars.put("complianceOfficers", s.complianceOfficers());
    vars.put("reminderInterval", s.reminderInterval().toString());
    vars.put("canaryWindow", s.canaryWindow().toString());
    vars.put("canaryMaxRegression", new LinkedHashMap<>(s.canaryMaxRegression()));
    vars.put("signoffRejected", false);
    vars.put("deploymentFailed", false);
    vars.put("canaryPassed", false);
    return vars;
  }

  /**
   * Delivers a message a waiting step needs; 409 when the workflow does not wait for it. The delivery is
   * claimed (stored) first, then published, then taken off the workflow's steps: a crash anywhere in between
   * leaves a claim that the same message sent again, or the start-up sweep ({@link #resumeDeliveries}),
   * finishes, and the engine's message id makes it correlate once.
   */
  public Workflow message(Workflow w, String name, Principal by, JsonObject body) {
    if (!MESSAGES.contains(name)) {
      throw Refusal.notFound("no message '" + name + "' (known: " + String.join(", ",
          MESSAGES.stream().sorted().toList()) + ")");
    }
    Map<String, Object> vars = messageVariables(w, name, body);
    String varsJson = new JsonObject(vars).encode();
    Optional<MessageDeliveries.Delivery> earlier = deliveries.find(w.id(), name);
    if (earlier.isPresent()) {
      // The same message again while an earlier delivery is unfinished (its sender saw no answer): finish it.
      if (!earlier.get().delivered() && earlier.get().variablesJson().equals(varsJson)) {
        deliver(w, earlier.get());
        return workflows.find(w.id()).orElseThrow();
      }
      throw Refusal.conflict("workflow " + w.id() + " is not waiting for '" + name + "'"
          + (earlier.get().delivered() ? "" : " (a different '" + name + "' is being delivered)"));
    }
    if (w.status() != Workflow.Status.RUNNING || !w.waitsFor(name)) {
      throw Refusal.conflict("workflow " + w.id() + " is not waiting for '" + name + "'");
    }
    // The claim is a unique insert: of two concurrent deliveries one gets 409.
    MessageDeliveries.Delivery mine = new MessageDeliveries.Delivery(w.id(), name, by.username(), varsJson,
        Instant.now(clock), false);
    if (!deliveries.claim(mine)) {
      throw Refusal.conflict("workflow " + w.id() + " is not waiting for '" + name + "'");
    }
    try {
      deliver(w, mine);
    } catch (EngineRefused e) {
      deliveries.release(w.id(), name);
      throw Refusal.unavailable("the workflow engine did not accept the message: " + e.getCause().getMessage());
    }
    return workflows.find(w.id()).orElseThrow();
  }

  /** The engine did not take a message: nothing of the delivery happened but its claim. */
  private static final class EngineRefused extends RuntimeException {
    EngineRefused(RuntimeException cause) {
      super(cause);
    }
  }

  /**
   * Publishes a claimed message and writes what it did, each step safe to repeat: the engine ignores a
   * message id it already has, the step is removed if still listed, the timeline line is written once, and
   * the audit entry comes from the one call that marks the delivery done.
   */
  private void deliver(Workflow w, MessageDeliveries.Delivery d) {
    Map<String, Object> vars = d.variables();
    try {
      engine.publishMessage(d.name(), w.modelVersionId(), w.id() + ":" + d.name(), MESSAGE_TTL, vars);
    } catch (RuntimeException e) {
      throw new EngineRefused(e);
    }
    workflows.removeStep(w.id(), Workflow.Step.messageKey(d.name()));
    workflows.appendTimelineOnce(w.id(), Workflow.Step.messageKey(d.name()), new Workflow.TimelineEntry(d.name(),
        "Message " + d.name(), "message", d.by(), d.at(), d.at(), summary(d.name(), vars)));
    if (deliveries.markDelivered(w.id(), d.name())) {
      audit.record(new AuditEvent(d.by(), "workflow.message", w.team(), "workflow", w.id(),
          Map.of("message", d.name())));
    }
  }

  /**
   * Finishes the message deliveries a crash cut short (claimed, perhaps published, not yet marked done);
   * a delivery to a workflow that ended meanwhile is dropped. Returns how many were finished.
   */
  public int resumeDeliveries() {
    int resumed = 0;
    for (MessageDeliveries.Delivery d : deliveries.pending()) {
      Optional<Workflow> w = workflows.find(d.workflowId());
      if (w.isEmpty() || w.get().status() != Workflow.Status.RUNNING) {
        deliveries.release(d.workflowId(), d.name());
        continue;
      }
      try {
        deliver(w.get(), d);
        resumed++;
      } catch (EngineRefused e) {
        log.warn("message {} to workflow {} not delivered yet: {}", d.name(), d.workflowId(), e.getCause().toString());
      }
    }
    return resumed;
  }

  private static String summary(String name, Map<String, Object> vars) {
    return switch (name) {
      case "deployment-finished" -> Boolean.TRUE.equals(vars.get("deploymentFailed"))
          ? "deployment failed: " + vars.get("deploymentDetail") : "deployment succeeded";
      case "canary-metrics-reported" -> "online metrics " + vars.get("canaryMetrics");
      default -> "retrained version " + Plain.map(vars.get("retrained")).get("version");
    };
  }

  private Map<String, Object> messageVariables(Workflow w, String name, JsonObject body) {
    Map<String, Object> vars = new LinkedHashMap<>();
    switch (name) {
      case "deployment-finished" -> {
        JsonFields f = JsonFields.of(body, Set.of("succeeded", "detail"));
        Boolean ok = f.optionalBoolean("succeeded");
        String detail = f.optionalString("detail", 2000, null, null);
        f.throwIfInvalid();
        vars.put("deploymentFailed", ok != null && !ok);
        vars.put("deploymentDetail", detail);
      }
      case "canary-metrics-reported" -> {
        JsonFields f = JsonFields.of(body, Set.of("metrics", "baselineMetrics"));
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");
        String hint = "metric names must be 1-100 letters, digits, '_' or '-', starting with a letter";
        Map<String, Double> metrics = f.numberMap("metrics", true, 200, metric, hint);
        Map<String, Double> baseline = f.numberMap("baselineMetrics", false, 200, metric, hint);
        f.throwIfInvalid();
        vars.put("canaryMetrics", new LinkedHashMap<>(metrics));
        vars.put("canaryBaselineMetrics", baseline == null ? null : new LinkedHashMap<>(baseline));
      }
      default -> {
        JsonObject copy = body.copy().put("model", w.model());
        NewModelVersion parsed = NewModelVersion.parse(copy);
        if (parsed.baselineVersionId() != null) {
          throw Refusal.invalid("baselineVersionId", "is set by the workflow (the drifted version)");
        }
        vars.put("retrained", Plain.of(body));
      }
    }
    return vars;
  }

  /** Cancels a running workflow: the engine instance, its open tasks, its lock. */
  public Workflow cancel(Workflow w, Principal by) {
    if (w.status() != Workflow.Status.RUNNING) {
      throw Refusal.conflict("workflow " + w.id() + " is " + w.status().id());
    }
    if (w.processInstanceKey() != null) {
      try {
        engine.cancelInstance(w.processInstanceKey());
      } catch (RuntimeException e) {
        throw Refusal.unavailable("the workflow engine did not accept the cancellation: " + e.getMessage());
      }
    }
    Instant now = Instant.now(clock);
    if (!workflows.finish(w.id(), Workflow.Status.CANCELED, "canceled", now)) {
      throw Refusal.conflict("workflow " + w.id() + " ended meanwhile");
    }
    workflows.appendTimeline(w.id(), new Workflow.TimelineEntry("cancel", "Canceled", "command", by.username(), now,
        now, null));
    tasks.cancelOpen(w.id());
    workflows.unlock(w.lockKey(), w.id());
    audit.record(new AuditEvent(by.username(), "workflow.canceled", w.team(), "workflow", w.id(), Map.of()));
    return workflows.find(w.id()).orElseThrow();
  }

  /**
   * Ends the workflows whose launch a crash cut short (stored, but the engine never answered and none of
   * their jobs ran since), so they do not run for ever and their model version's lock is free again. Called
   * well after start-up: an instance the engine did create has had its first job handed out by then.
   */
  public int failLaunchesCutShort(Instant startedBefore) {
    int failed = 0;
    for (Workflow w : workflows.launchesCutShort(startedBefore)) {
      Instant now = Instant.now(clock);
      if (workflows.finish(w.id(), Workflow.Status.FAILED, "not-started", now)) {
        workflows.appendTimeline(w.id(), new Workflow.TimelineEntry("start", "Not started", "incident", "system",
            now, now, "the server stopped before the engine confirmed the start; start the workflow again"));
        workflows.unlock(w.lockKey(), w.id());
        audit.record(new AuditEvent("system", "workflow.failed", w.team(), "workflow", w.id(),
            Map.of("outcome", "not-started", "type", w.type().id())));
        failed++;
      }
    }
    return failed;
  }

  /** Called by the record-outcome step of the workflow's own process. */
  public void finished(Workflow w, String outcome) {
    Instant now = Instant.now(clock);
    if (workflows.finish(w.id(), Workflow.Status.COMPLETED, outcome, now)) {
      workflows.unlock(w.lockKey(), w.id());
      audit.record(new AuditEvent("system", "workflow.completed", w.team(), "workflow", w.id(),
          Map.of("outcome", outcome, "type", w.type().id())));
    }
  }
}
