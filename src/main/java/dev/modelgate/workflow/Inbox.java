package dev.modelgate.workflow;

import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.json.JsonFields;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.notify.Notifier;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.store.Ids;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.engine.ProcessEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human tasks: the user-task worker puts activated jobs here; people list, claim and decide them; a
 * decision becomes an immutable {@link Approval} and completes the job.
 */
public final class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  public static final String USER_TASK_JOB_TYPE = "io.camunda.zeebe:userTask";
  static final String HEADER_CANDIDATE_GROUPS = "io.camunda.zeebe:candidateGroups";
  static final String HEADER_ASSIGNEE = "io.camunda.zeebe:assignee";
  static final String HEADER_DUE_DATE = "io.camunda.zeebe:dueDate";
  static final Set<String> DECISIONS = Set.of("approve", "reject", "request-changes");
  /** Task names by BPMN element id, for people (the job does not carry the element's name). */
  static final Map<String, String> NAMES = Map.of("peer-review", "Peer review", "product-review", "Product review",
      "officer-signoff", "Compliance sign-off");

  private final TaskRepository tasks;
  private final ApprovalRepository approvals;
  private final WorkflowRepository workflows;
  private final ModelVersionRepository versions;
  private final ProcessEngine engine;
  private final AuditTrail audit;
  private final Notifier notifier;
  private final StepTimeRecorder stepTimes;
  private final RoleHolders roleHolders;
  private final Clock clock;

  public Inbox(TaskRepository tasks, ApprovalRepository approvals, WorkflowRepository workflows,
      ModelVersionRepository versions, ProcessEngine engine, AuditTrail audit, Notifier notifier,
      StepTimeRecorder stepTimes, RoleHolders roleHolders, Clock clock) {
    this.tasks = tasks;
    this.approvals = approvals;
    this.workflows = workflows;
    this.versions = versions;
    this.engine = engine;
    this.audit = audit;
    this.notifier = notifier;
    this.stepTimes = stepTimes;
    this.roleHolders = roleHolders;
    this.clock = clock;
  }

  // ------------------------------------------------------------------ from the engine

  /**
   * Stores an activated user-task job in the inbox (once, however often it is activated) and answers whether
   * the inbox now holds the job, so that its short activation lease may be extended. A job activated again
   * after a crash finds its task stored before and finishes what the crash interrupted.
   */
  public boolean receive(JobInput job) {
    Optional<Task> stored = tasks.findByJobKey(job.key());
    if (stored.isPresent()) {
      return resume(stored.get());
    }
    Workflow w = workflows.find(job.workflowId()).orElseThrow(() -> new IllegalStateException(
        "user task job " + job.key() + " names unknown workflow " + job.workflowId()));
    if (w.status() != Workflow.Status.RUNNING) {
      // Held, not handed out again every lease; cancelling the workflow's instance removes the job.
      log.info("user task job {} of workflow {}, which is {}: not put in the inbox", job.key(), w.id(),
          w.status().id());
      return true;
    }
    String modelVersionId = job.requiredString("modelVersionId");
    ModelVersion v = versions.find(modelVersionId).orElseThrow();
    String[] teamRole = candidate(job, w.team());
    Instant now = Instant.now(clock);
    Task t = new Task(Ids.newId(), job.key(), w.id(), w.type().id(), job.processInstanceKey(), job.elementId(),
        NAMES.getOrDefault(job.elementId(), job.elementId()), teamRole[0], teamRole[1],
        job.header(HEADER_ASSIGNEE).filter(s -> !s.isBlank()).orElse(null), dueDate(job), v.projectId(), v.id(),
        v.model(), v.version(), v.submittedBy(), Task.Status.OPEN, null, null, null, null, null, null, false, 0,
        evidence(v, w.id()), now);
    if (!tasks.insert(t)) {
      // Another activation of the same job stored it first.
      return tasks.findByJobKey(job.key()).map(this::resume).orElse(false);
    }
    showAsCurrentStep(t);
    return true;
  }

  /**
   * A task stored by an earlier activation of its job: an open one is shown as its workflow's current step
   * (the crash may have come before that write) and held again; a decided one whose job was never completed
   * is completed now.
   */
  private boolean resume(Task t) {
    switch (t.status()) {
      case OPEN -> {
        boolean listed = workflows.find(t.workflowId()).map(w -> w.currentSteps().stream()
            .anyMatch(s -> s.key().equals(Workflow.Step.taskKey(t.id())))).orElse(true);
        if (!listed) {
          showAsCurrentStep(t);
        }
        return true;
      }
      case DECIDED -> {
        if (!t.jobCompleted()) {
          recordApproval(t);
          completeJob(t, t.decision(), t.comment());
          tasks.settled(t.id());
        }
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  /** The task becomes its workflow's current step; the team and the role's holders hear of it. */
  private void showAsCurrentStep(Task t) {
    workflows.addStep(t.workflowId(), new Workflow.Step(Workflow.Step.taskKey(t.id()), "task", t.elementId(), t.name(),
        t.id(), t.team() + ":" + t.role(), t.createdAt()));
    notifier.teamEvent(t.team(), "task.created", Map.of("taskId", t.id(), "role", t.role(), "workflowId",
        t.workflowId()));
    tellCandidates(t, "task", t.name() + " of " + t.model() + " " + t.version() + " waits for a " + t.role());
  }

  /** Notifies the holders of the task's role (never the submitter, who may not decide it). */
  void tellCandidates(Task t, String kind, String title) {
    for (String user : roleHolders.holders(t.team(), t.role())) {
      if (!user.equals(t.submittedBy())) {
        notifier.notify(new dev.modelgate.notify.Notification(user, kind, t.team(), "task", t.id(), title,
            "/tasks/" + t.id()));
      }
    }
  }

  /** {@code <team>:<role>} or just {@code <role>} (in the workflow's team), from the candidate-groups header. */
  static String[] candidate(JobInput job, String workflowTeam) {
    String raw = job.header(HEADER_CANDIDATE_GROUPS).orElse("");
    String group = raw;
    if (raw.startsWith("[")) {
      JsonArray a = new JsonArray(raw);
      group = a.isEmpty() ? "" : a.getString(0);
    }
    int colon = group.indexOf(':');
    String team = colon < 0 ? workflowTeam : group.substring(0, colon);
    String role = colon < 0 ? group : group.substring(colon + 1);
    if (Role.parse(role).isEmpty()) {
      throw new IllegalStateException("user task " + job.elementId() + " has candidate group '" + raw
          + "', which names no team role");
    }
    return new String[] {team, role};
  }

  private static Instant dueDate(JobInput job) {
    Optional<String> raw = job.header(HEADER_DUE_DATE).filter(s -> !s.isBlank());
    try {
      return raw.map(s -> OffsetDateTime.parse(s).toInstant()).orElse(null);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** What a decider sees: the gate report's verdict and failures, lineage, earlier decisions. */
  private Map<String, Object> evidence(ModelVersion v, String workflowId) {
    Map<String, Object> ev = new LinkedHashMap<>();
    if (v.gateReport() != null) {
      Map<String, Object> gate = new LinkedHashMap<>();
      gate.put("passed", v.gateReport().get("passed"));
      gate.put("failed", v.gateReport().get("failed"));
      gate.put("baselineVersionId", v.gateReport().get("baselineVersionId"));
      gate.put("evaluatedAt", v.gateReport().get("evaluatedAt"));
      ev.put("gateReport", gate);
    }
    ev.put("modelVersion", "/api/v1/model-versions/" + v.id());
    if (v.lineage() != null) {
      ev.put("runUri", v.lineage().runUri());
    }
    List<Object> earlier = new ArrayList<>();
    for (Approval a : approvals.listByModelVersion(v.id())) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("approvalId", a.id());
      e.put("step", a.step());
      e.put("decidedBy", a.decidedBy());
      e.put("decision", a.decision());
      e.put("comment", a.comment());
      e.put("decidedAt", a.decidedAt().toString());
      earlier.add(e);
    }
    ev.put("earlierDecisions", earlier);
    return ev;
  }

  /**
   * Finishes what a crash interrupted after decisions were recorded: the approval record, its copy in the
   * workflow, and the job's completion. Reads only the small pending set, so it is cheap at every start.
   * Decisions made less than {@code settledFor} ago are left alone: their request may still be completing.
   */
  public void resumePending(java.time.Duration settledFor) {
    Instant before = Instant.now(clock).minus(settledFor);
    for (Task t : tasks.pending()) {
      if (t.decidedAt() != null && t.decidedAt().isAfter(before)) {
        continue;
      }
      try {
        recordApproval(t);
        if (!t.jobCompleted()) {
          completeJob(t, t.decision(), t.comment());
        }
        tasks.settled(t.id());
      } catch (RuntimeException e) {
        log.warn("task {}: completing its decision failed again, will retry: {}", t.id(), e.toString());
      }
    }
  }

  /**
   * Extends the jobs of open tasks. Their jobs are activated with a short timeout and kept alive here,
   * so a job whose activation never reached the inbox (a crash in between) is handed out again soon.
   */
  public void keepAlive(java.time.Duration timeout) {
    for (Task t : tasks.open()) {
      try {
        engine.extendJob(t.jobKey(), timeout);
      } catch (RuntimeException e) {
        log.warn("task {}: could not extend job {}: {}", t.id(), t.jobKey(), e.toString());
      }
    }
  }

  // ------------------------------------------------------------------ for people

  public Task task(String id, Principal who) {
    Optional<Task> t = Ids.isValid(id) ? tasks.find(id) : Optional.empty();
    return t.orElseThrow(() -> Refusal.notFound("no task '" + id + "'"));
  }

  /** Tasks in the caller's teams; by default the open ones for roles the caller holds. */
  public Page<Task> mine(Principal who, Optional<String> status, Optional<String> role, Optional<String> workflowId,
      Optional<String> modelVersionId, boolean assignedToMe, PageRequest page) {
    page.requireObjectIdCursor();
    String st = status.orElse("open");
    if (!Set.of("open", "decided", "canceled").contains(st)) {
      throw Refusal.invalid("status", "must be open, decided or canceled");
    }
    role.ifPresent(r -> {
      if (Role.parse(r).isEmpty()) {
        throw Refusal.invalid("role", "must be one of viewer, product, engineer, compliance, lead");
      }
    });
    List<String> teams = new ArrayList<>(who.teamRoles().keySet());
    if (teams.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    if (st.equals("open")) {
      // The hot read: the open-task buckets of the roles the caller holds, looked up by key.
      List<String> keys = new ArrayList<>();
      who.teamRoles().forEach((team, roles) -> roles.stream().filter(r -> role.isEmpty() || r.id().equals(role.get()))
          .forEach(r -> keys.add(TaskRepository.inboxKey(team, r.id()))));
      List<Task> open = tasks.openFor(keys).stream()
          .filter(t -> workflowId.isEmpty() || t.workflowId().equals(workflowId.get()))
          .filter(t -> modelVersionId.isEmpty() || t.modelVersionId().equals(modelVersionId.get()))
          .filter(t -> !assignedToMe || who.username().equals(t.assignee()))
          .filter(t -> page.after().isEmpty() || t.id().compareTo(page.after().get()) > 0)
          .limit(page.limit() + 1L).toList();
      return Page.of(open, page.limit(), Task::id);
    }
    Task.Status closed = Task.Status.parse(st);
    // "Mine": a task whose role the caller holds in its team.
    java.util.function.Predicate<Task> mine = t -> who.hasRole(t.team(), Role.parse(t.role()).orElseThrow())
        && role.map(r -> r.equals(t.role())).orElse(true)
        && (!assignedToMe || who.username().equals(t.assignee()));
    if (workflowId.isPresent() || modelVersionId.isPresent()) {
      // A workflow's or a model version's tasks: a small set (each workflow lists its task ids), in id order.
      List<String> workflowIds = workflowId.map(List::of).orElseGet(() -> workflows.listByModelVersion(
          modelVersionId.get()).stream().map(Workflow::id).toList());
      List<Task> found = tasks.listByWorkflows(workflowIds).stream()
          .filter(t -> t.status() == closed && mine.test(t))
          .filter(t -> modelVersionId.isEmpty() || t.modelVersionId().equals(modelVersionId.get()))
          .filter(t -> page.after().isEmpty() || t.id().compareTo(page.after().get()) > 0)
          .limit(page.limit() + 1L).toList();
      return Page.of(found, page.limit(), Task::id);
    }
    // The closed-task lists of the team roles the caller holds (or the caller's own list), one after the
    // other in team and role order, each in the order its tasks were closed.
    List<String> teamRoles = new ArrayList<>();
    who.teamRoles().forEach((team, roles) -> roles.stream().filter(r -> role.isEmpty() || r.id().equals(role.get()))
        .forEach(r -> teamRoles.add(TaskRepository.inboxKey(team, r.id()))));
    teamRoles.sort(null);
    TaskRepository.ClosedQuery q = new TaskRepository.ClosedQuery(closed, teamRoles,
        assignedToMe ? Optional.of(who.username()) : Optional.empty());
    List<Task> fetched = tasks.closed(q, page.after(), page.limit() + 1, mine)
        .orElseThrow(() -> Refusal.invalid("after", "must be the 'next' value of a previous page of "
            + "this list"));
    return Page.of(fetched, page.limit(), Task::id);
  }

  public Task claim(Task t, Principal who) {
    requireMayDecide(t, who);
    if (!tasks.claim(t.id(), who.username())) {
      Task now = tasks.find(t.id()).orElseThrow();
      throw Refusal.conflict(now.status() != Task.Status.OPEN ? "task is " + now.status().id()
          : "task is claimed by " + now.assignee());
    }
    audit.record(new AuditEvent(who.username(), "task.claimed", t.team(), "task", t.id(),
        Map.of("workflowId", t.workflowId(), "role", t.role())));
    return tasks.find(t.id()).orElseThrow();
  }

  public Task unclaim(Task t, Principal who) {
    if (!tasks.unclaim(t.id(), who.username())) {
      throw Refusal.conflict("task is not claimed by you");
    }
    audit.record(new AuditEvent(who.username(), "task.unclaimed", t.team(), "task", t.id(),
        Map.of("workflowId", t.workflowId(), "role", t.role())));
    return tasks.find(t.id()).orElseThrow();
  }

  /** What a decision request carries. */
  public record DecisionRequest(String decision, String comment) {

    public static DecisionRequest parse(JsonObject body) {
      JsonFields f = JsonFields.of(body, Set.of("decision", "comment"));
      String decision = f.requiredString("decision", 20, null, null);
      if (decision != null && !DECISIONS.contains(decision)) {
        f.error("decision", "must be approve, reject or request-changes");
      }
      String comment = f.optionalString("comment", 10_000, null, null);
      if (decision != null && !decision.equals("approve") && comment == null) {
        f.error("comment", "is required to " + decision);
      }
      f.throwIfInvalid();
      return new DecisionRequest(decision, comment);
    }
  }

  /** The decision's outcome: the approval and whether it was a replay of an earlier identical request. */
  public record Decided(Approval approval, boolean replay) {}

  public Decided decide(Task t, Principal who, DecisionRequest req, Optional<String> idempotencyKey) {
    if (idempotencyKey.isPresent() && t.status() == Task.Status.DECIDED
        && idempotencyKey.get().equals(t.idempotencyKey()) && who.username().equals(t.decidedBy())) {
      return new Decided(approvals.find(t.approvalId()).orElseGet(() -> recordApproval(t)), true);
    }
    requireMayDecide(t, who);
    if (t.status() != Task.Status.OPEN) {
      throw Refusal.conflict("task is already " + t.status().id()
          + (t.decidedBy() == null ? "" : " (by " + t.decidedBy() + ")"));
    }
    // One officer, one sign-off: the instances of a multi-instance step need different people.
    for (Task sibling : tasks.listByWorkflow(t.workflowId())) {
      if (!sibling.id().equals(t.id()) && sibling.elementId().equals(t.elementId())
          && sibling.processInstanceKey() == t.processInstanceKey()
          && who.username().equals(sibling.decidedBy())) {
        throw Refusal.forbidden("separation of duties: " + who.username() + " already decided another "
            + t.name() + " of this workflow; each needs a different person");
      }
    }
    Instant now = Instant.now(clock);
    String approvalId = Ids.newId();
    if (!tasks.decide(t.id(), who.username(), req.decision(), req.comment(), now, idempotencyKey.orElse(null),
        approvalId)) {
      Task current = tasks.find(t.id()).orElseThrow();
      if (idempotencyKey.isPresent() && idempotencyKey.get().equals(current.idempotencyKey())
          && who.username().equals(current.decidedBy())) {
        return new Decided(approvals.find(current.approvalId()).orElseGet(() -> recordApproval(current)), true);
      }
      throw Refusal.conflict(current.status() == Task.Status.OPEN
          ? "task is claimed by " + current.assignee()
          : "task is already " + current.status().id() + (current.decidedBy() == null ? ""
              : " (by " + current.decidedBy() + ")"));
    }
    Task decided = tasks.find(t.id()).orElseThrow();
    Approval a = recordApproval(decided);
    boolean completed;
    try {
      completed = completeJob(decided, req.decision(), req.comment());
      tasks.settled(t.id());
    } catch (RuntimeException e) {
      // The decision and approval are stored; resumePending completes the job when the engine is back.
      log.warn("task {}: decision recorded, completing job {} failed: {}", t.id(), t.jobKey(), e.toString());
      completed = true;
    }
    if (!completed) {
      throw Refusal.conflict(
          "the decision is recorded, but the workflow no longer waits for this task (it was cancelled or ended)");
    }
    if (t.submittedBy() != null) {
      notifier.notify(new dev.modelgate.notify.Notification(t.submittedBy(), "decision", t.team(), "model-version",
          t.modelVersionId(), who.username() + " decided " + req.decision() + " on " + t.name(),
          "/workflows/" + t.workflowId()));
    }
    return new Decided(a, false);
  }

  /**
   * What a recorded decision leads to, each step safe to repeat (resumePending runs it again after a
   * crash): the approval record (one per task), its copy in the workflow, the step leaving the workflow's
   * current steps, the step's time; the audit entry and timeline line only when the approval is new.
   */
  private Approval recordApproval(Task t) {
    Approval a = new Approval(t.approvalId(), t.id(), t.workflowId(), t.workflowType(), t.team(), t.projectId(),
        t.modelVersionId(), t.model(), t.version(), t.elementId(), t.decidedBy(), t.role(), t.decision(),
        t.comment(), t.evidence(), t.decidedAt());
    boolean fresh = approvals.insert(a);
    if (!fresh) {
      a = approvals.find(t.approvalId()).orElse(a);
    }
    workflows.embedApproval(a);
    if (fresh) {
      audit.record(new AuditEvent(t.decidedBy(), "approval." + t.decision(), t.team(), "model-version",
          t.modelVersionId(), Map.of("approvalId", a.id(), "taskId", t.id(), "workflowId", t.workflowId(),
              "step", t.elementId(), "role", t.role())));
    }
    workflows.removeStep(t.workflowId(), Workflow.Step.taskKey(t.id()));
    try {
      stepTimes.record("task:" + t.id(), t.projectId(), t.team(), t.workflowId(), t.elementId(), t.role(),
          java.time.Duration.between(t.createdAt(), t.decidedAt()).toSeconds(), t.decidedAt());
    } catch (RuntimeException e) {
      // Reporting only: the decision stands; the time report misses this step.
      log.warn("task {}: step time not recorded: {}", t.id(), e.toString());
    }
    if (fresh) {
      workflows.appendTimeline(t.workflowId(), new Workflow.TimelineEntry(t.elementId(), t.name(), "task",
          t.decidedBy(), t.createdAt(), t.decidedAt(), t.decision() + (t.comment() == null ? "" : ": " + t.comment())));
    }
    return a;
  }

  /** Completes the job with the variables the model's gateways read; false when the job is gone. */
  private boolean completeJob(Task t, String decision, String comment) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(camel(t.elementId()) + "Decision", decision);
    if (t.elementId().equals("officer-signoff") && !decision.equals("approve")) {
      vars.put("signoffRejected", true);
      vars.put("signoffRejectReason", comment);
    }
    boolean completed = engine.completeJob(t.jobKey(), vars);
    tasks.markJobCompleted(t.id());
    if (!completed) {
      log.warn("task {}: job {} no longer exists", t.id(), t.jobKey());
    }
    return completed;
  }

  /** {@code peer-review} → {@code peerReview}. */
  static String camel(String id) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : id.toCharArray()) {
      if (c == '-' || c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  /** Only a holder of the task's role in its team, and never the submitter of the version under review. */
  private void requireMayDecide(Task t, Principal who) {
    Role role = Role.parse(t.role()).orElseThrow();
    if (!who.hasRole(t.team(), role)) {
      throw Refusal.forbidden("deciding '" + t.name() + "' needs the role " + t.role() + " in team '"
          + t.team() + "'");
    }
    if (who.username().equals(t.submittedBy())) {
      throw Refusal.forbidden("separation of duties: the submitter of a model version ("
          + t.submittedBy() + ") never decides on its review or sign-off");
    }
  }
}
