package dev.modelgate.workflow.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static dev.modelgate.web.ApiRoute.BodyKind.OPTIONAL_JSON;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.access.Permission;
import dev.modelgate.json.JsonFields;
import dev.modelgate.kernel.PlainText;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.store.Ids;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import dev.modelgate.workflow.Approval;
import dev.modelgate.workflow.ApprovalRepository;
import dev.modelgate.workflow.Inbox;
import dev.modelgate.workflow.ProductionHistory;
import dev.modelgate.workflow.Task;
import dev.modelgate.workflow.TaskRepository;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowActions;
import dev.modelgate.workflow.WorkflowJson;
import dev.modelgate.workflow.WorkflowType;
import dev.modelgate.workflow.Workflows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Workflows, tasks, approvals and production history over HTTP. */
public final class WorkflowRoutes {

  private final Registry registry;
  private final Workflows workflows;
  private final Inbox inbox;
  private final ApprovalRepository approvals;
  private final TaskRepository tasks;
  private final ProductionHistory history;
  private final WorkflowActions actions;

  public WorkflowRoutes(Registry registry, Workflows workflows, Inbox inbox, ApprovalRepository approvals,
      TaskRepository tasks, ProductionHistory history, WorkflowActions actions) {
    this.actions = actions;
    this.registry = registry;
    this.workflows = workflows;
    this.inbox = inbox;
    this.approvals = approvals;
    this.tasks = tasks;
    this.history = history;
  }

  public List<ApiRoute> table() {
    TeamScope team = TeamScope.pathParam("team");
    TeamScope projectTeam = TeamScope.lookup(ctx -> registry.project(ctx.pathParam("project")).team());
    TeamScope approvalTeam = TeamScope.lookup(ctx -> approvalOr404(ctx.pathParam("id")).team());
    return List.of(
        ApiRoute.of(POST, "/model-versions/:id/workflows", actions.start, "id", JSON, this::start),
        ApiRoute.of(GET, "/workflows/:id", actions.read, "id", NONE, this::get),
        new ApiRoute(GET, "/projects/:project/workflows", Permission.WORKFLOW_READ, projectTeam, NONE, this::list),
        ApiRoute.of(POST, "/workflows/:id/messages/:name", actions.message, "id", OPTIONAL_JSON, this::message),
        ApiRoute.of(POST, "/workflows/:id/cancel", actions.cancel, "id", NONE, this::cancel),
        new ApiRoute(POST, "/teams/:team/drift-events", Permission.DRIFT_REPORT, team, JSON, this::drift),
        new ApiRoute(GET, "/projects/:project/models/:model/production-history", Permission.MODEL_VERSION_READ,
            projectTeam, NONE, this::productionHistory),
        new ApiRoute(GET, "/tasks", Permission.AUTHENTICATED, TeamScope.platform(), NONE, this::myTasks),
        ApiRoute.of(GET, "/tasks/:id", actions.readTask, "id", NONE, this::task),
        ApiRoute.of(POST, "/tasks/:id/claim", actions.actOnTask, "id", NONE, this::claim),
        ApiRoute.of(POST, "/tasks/:id/unclaim", actions.actOnTask, "id", NONE, this::unclaim),
        ApiRoute.of(POST, "/tasks/:id/decision", actions.actOnTask, "id", JSON, this::decide),
        new ApiRoute(GET, "/projects/:project/approvals", Permission.APPROVAL_READ, projectTeam, NONE,
            this::projectApprovals),
        new ApiRoute(GET, "/approvals/:id", Permission.APPROVAL_READ, approvalTeam, NONE, this::approval));
  }

  private Approval approvalOr404(String id) {
    return (Ids.isValid(id) ? approvals.find(id) : Optional.<Approval>empty())
        .orElseThrow(() -> Refusal.notFound("no approval '" + id + "'"));
  }

  private Reply start(ApiCall call) {
    JsonFields f = JsonFields.of(call.body(), Set.of("type"));
    String raw = f.requiredString("type", 20, null, null);
    Optional<WorkflowType> type = raw == null ? Optional.empty() : WorkflowType.parse(raw)
        .filter(WorkflowType::startableByPeople);
    if (raw != null && type.isEmpty()) {
      f.error("type", "must be review, signoff or promotion");
    }
    f.throwIfInvalid();
    ModelVersion v = registry.version(call.path("id"));
    Workflow w = workflows.start(v, type.get(), call.principal().username());
    return Reply.created(WorkflowJson.workflow(w, List.of()), "/api/v1/workflows/" + w.id());
  }

  private Reply get(ApiCall call) {
    Workflow w = workflows.workflow(call.path("id"));
    return Reply.ok(WorkflowJson.workflow(w, w.approvals()));
  }

  private Reply list(ApiCall call) {
    Project p = registry.project(call.path("project"));
    return Reply.ok(workflows.list(p, call.query("modelVersionId"), call.query("status"), PageRequest.from(call))
        .toJson(WorkflowJson::summary));
  }

  private Reply message(ApiCall call) {
    Workflow w = workflows.workflow(call.path("id"));
    Workflow after = workflows.message(w, call.path("name"), call.principal(), call.optionalBody());
    return Reply.accepted(WorkflowJson.workflow(after, List.of()));
  }

  private Reply cancel(ApiCall call) {
    Workflow w = workflows.workflow(call.path("id"));
    Workflow canceled = workflows.cancel(w, call.principal());
    return Reply.ok(WorkflowJson.workflow(canceled, canceled.approvals()));
  }

  private Reply drift(ApiCall call) {
    if (!registry.teamExists(call.team())) {
      throw Refusal.notFound("no team '" + call.team() + "'");
    }
    Workflow w = workflows.reportDrift(call.team(), call.principal(), call.body());
    return Reply.json(202, WorkflowJson.workflow(w, List.of()), java.util.Map.of("Location",
        "/api/v1/workflows/" + w.id()));
  }

  private Reply productionHistory(ApiCall call) {
    Project p = registry.project(call.path("project"));
    Optional<Instant> at;
    try {
      at = call.query("at").map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid("at", "must be an ISO 8601 instant such as 2026-01-31T12:00:00Z");
    }
    JsonArray items = new JsonArray();
    history.periods(p.id(), call.path("model"), at).forEach(period -> items.add(WorkflowJson.period(period)));
    return Reply.ok(new JsonObject().put("projectId", p.id()).put("model", call.path("model")).put("items", items));
  }

  private Reply myTasks(ApiCall call) {
    boolean mine = call.query("assignee").map(a -> {
      if (!a.equals("me")) {
        throw Refusal.invalid("assignee", "only 'me' is supported");
      }
      return true;
    }).orElse(false);
    return Reply.ok(inbox.mine(call.principal(), call.query("status"), call.query("role"), call.query("workflowId"),
        call.query("modelVersionId"), mine, PageRequest.from(call)).toJson(WorkflowJson::task));
  }

  private Reply task(ApiCall call) {
    return Reply.ok(WorkflowJson.task(inbox.task(call.path("id"), call.principal())));
  }

  private Reply claim(ApiCall call) {
    return Reply.ok(WorkflowJson.task(inbox.claim(inbox.task(call.path("id"), call.principal()), call.principal())));
  }

  private Reply unclaim(ApiCall call) {
    return Reply.ok(WorkflowJson.task(inbox.unclaim(inbox.task(call.path("id"), call.principal()),
        call.principal())));
  }

  private Reply decide(ApiCall call) {
    Task t = inbox.task(call.path("id"), call.principal());
    Inbox.DecisionRequest req = Inbox.DecisionRequest.parse(call.body());
    Optional<String> key = call.header("Idempotency-Key").filter(k -> !k.isBlank());
    key.ifPresent(k -> {
      if (k.length() > 200) {
        throw Refusal.invalid("Idempotency-Key", "must be at most 200 characters");
      }
      // Stored with the decision: held to the text rule (a header may carry C1 controls, bytes 0x80-0x9F).
      PlainText.problem(k).ifPresent(p -> {
        throw Refusal.invalid("Idempotency-Key", p);
      });
    });
    Inbox.Decided d = inbox.decide(t, call.principal(), req, key);
    return d.replay() ? Reply.ok(WorkflowJson.approval(d.approval()))
        : Reply.created(WorkflowJson.approval(d.approval()), "/api/v1/approvals/" + d.approval().id());
  }

  private Reply projectApprovals(ApiCall call) {
    Project p = registry.project(call.path("project"));
    PageRequest page = PageRequest.from(call).requireObjectIdCursor();
    List<Approval> fetched = approvals.listByProject(p.id(), call.query("modelVersionId"), page.after(),
        page.limit() + 1).orElseThrow(() -> Refusal.invalid("after",
            "must be the 'next' value of a previous page of this list"));
    return Reply.ok(dev.modelgate.web.Page.of(fetched, page.limit(), Approval::id).toJson(WorkflowJson::approval));
  }

  private Reply approval(ApiCall call) {
    return Reply.ok(WorkflowJson.approval(approvalOr404(call.path("id"))));
  }
}
