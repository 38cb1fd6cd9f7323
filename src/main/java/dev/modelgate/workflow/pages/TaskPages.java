package dev.modelgate.workflow.pages;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.MetricsComparison;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.Inbox;
import dev.modelgate.workflow.Task;
import dev.modelgate.workflow.WorkflowActions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox ({@code /tasks}) and one task ({@code /tasks/{id}}): the evidence a decider needs (gate report,
 * metrics against the baseline per segment, earlier decisions), claim, unclaim and the decision form. The
 * inbox service decides who may act (role, separation of duties, already decided); the page shows its answer.
 */
public final class TaskPages {

  private final PageKit kit;
  private final Registry registry;
  private final Inbox inbox;
  private final WorkflowActions actions;

  public TaskPages(PageKit kit, Registry registry, Inbox inbox, WorkflowActions actions) {
    this.actions = actions;
    this.kit = kit;
    this.registry = registry;
    this.inbox = inbox;
  }

  public void mount(PageMount mount) {
    mount.get("/tasks", this::list);
    mount.get("/tasks/:id", this::view);
    mount.post("/tasks/:id/claim", this::claim);
    mount.post("/tasks/:id/unclaim", this::unclaim);
    mount.post("/tasks/:id/decision", this::decide);
  }

  private PageResult list(PageCall call) {
    Viewer v = kit.viewer(call);
    String status = call.query("status").orElse("open");
    var page = inbox.mine(v.principal(), Optional.of(status), Optional.empty(), Optional.empty(), Optional.empty(),
        call.query("mine").isPresent(), new PageRequest(50, call.query("after")));
    Map<String, Object> vars = new HashMap<>();
    vars.put("tasks", page.items());
    vars.put("next", page.next());
    vars.put("status", status);
    return kit.render(200, "tasks", "Tasks", v, call, vars);
  }

  private PageResult view(PageCall call) {
    Viewer v = kit.viewer(call);
    Task t = task(v, call);
    return show(200, v, call, t, Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, Task t, Map<String, Object> failure) {
    ModelVersion version = PageKit.load(() -> registry.version(t.modelVersionId()));
    Optional<ModelVersion> baseline = MetricsComparison.baselineId(version).flatMap(this::findVersion);
    Map<String, Object> vars = new HashMap<>(failure);
    vars.put("task", t);
    vars.put("version", version);
    vars.put("metrics", MetricsComparison.of(version, baseline));
    vars.put("earlier", t.evidence() == null ? java.util.List.of() : t.evidence().getOrDefault("earlierDecisions",
        java.util.List.of()));
    boolean open = t.status() == Task.Status.OPEN;
    boolean mayAct = kit.allows(v, actions.actOnTask, t.team());
    vars.put("mayAct", open && mayAct);
    vars.put("mayClaim", open && mayAct && t.assignee() == null);
    vars.put("mayUnclaim", open && v.username().equals(t.assignee()));
    return kit.render(status, "task", t.name() + " · " + t.model() + " " + t.version(), v, call, vars);
  }

  private Optional<ModelVersion> findVersion(String id) {
    try {
      return Optional.of(registry.version(id));
    } catch (Refusal e) {
      return Optional.empty();
    }
  }

  private Task task(Viewer v, PageCall call) {
    Task t = PageKit.load(() -> inbox.task(call.path("id"), v.principal()));
    kit.require(v, actions.readTask, t.team());
    return t;
  }

  private PageResult claim(PageCall call) {
    return act(call, "claim", (v, t) -> {
      inbox.claim(t, v.principal());
      return "You claimed this task.";
    });
  }

  private PageResult unclaim(PageCall call) {
    return act(call, "claim", (v, t) -> {
      inbox.unclaim(t, v.principal());
      return "You released this task.";
    });
  }

  private PageResult decide(PageCall call) {
    return act(call, "decision", (v, t) -> {
      JsonObject body = new JsonObject();
      call.field("decision").ifPresent(d -> body.put("decision", d));
      call.field("comment").ifPresent(c -> body.put("comment", c));
      Inbox.DecisionRequest req = Inbox.DecisionRequest.parse(body);
      inbox.decide(t, v.principal(), req, Optional.empty());
      return switch (req.decision()) {
        case "approve" -> "Approved.";
        case "reject" -> "Rejected.";
        default -> "Changes requested.";
      };
    });
  }

  @FunctionalInterface
  private interface Action {
    String run(Viewer v, Task t);
  }

  /** A form on the task page: CSRF and read access first, then the inbox rule; its refusal is shown on the page. */
  private PageResult act(PageCall call, String form, Action action) {
    Viewer v = kit.formViewer(call);
    Task t = task(v, call);
    try {
      kit.require(v, actions.actOnTask, t.team());
      String done = action.run(v, t);
      return PageKit.redirect(call, "/tasks/" + t.id(), Flash.success(done));
    } catch (Refusal e) {
      Map<String, String> submitted = new LinkedHashMap<>();
      call.field("decision").ifPresent(d -> submitted.put("decision", d));
      call.field("comment").ifPresent(c -> submitted.put("comment", c));
      Task now = inbox.task(t.id(), v.principal());
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      return show(failure.status(), v, call, now, failure.vars(form, submitted));
    }
  }
}
