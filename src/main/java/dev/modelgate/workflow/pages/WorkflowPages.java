package dev.modelgate.workflow.pages;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.SubjectLink;
import dev.modelgate.pages.SubjectPage;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.Registry;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowActions;
import dev.modelgate.workflow.Workflows;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One workflow ({@code /workflows/{id}}): its BPMN diagram with the steps it waits in highlighted, where
 * it stands, its timeline and approvals, its discussion, and (for those allowed) the messages it waits for
 * and cancel.
 */
public final class WorkflowPages implements SubjectPage {

  private final PageKit kit;
  private final Registry registry;
  private final Workflows workflows;
  private final BpmnDiagrams diagrams;
  private final WorkflowActions actions;

  public WorkflowPages(PageKit kit, Registry registry, Workflows workflows, BpmnDiagrams diagrams,
      WorkflowActions actions) {
    this.actions = actions;
    this.kit = kit;
    this.registry = registry;
    this.workflows = workflows;
    this.diagrams = diagrams;
  }

  public void mount(PageMount mount) {
    mount.get("/workflows/:id", this::view);
    mount.post("/workflows/:id/messages/:name", this::message);
    mount.post("/workflows/:id/cancel", this::cancel);
  }

  private Workflow workflow(Viewer v, PageCall call) {
    return workflow(v, call.path("id"));
  }

  private Workflow workflow(Viewer v, String id) {
    return kit.open(v, actions.read, id);
  }

  /** A workflow's discussion belongs to the workflow's team, as the workflow read model records it. */
  private static Subject subject(Workflow w) {
    return new Subject(SubjectType.WORKFLOW, w.id(), w.team());
  }

  @Override
  public SubjectType type() {
    return SubjectType.WORKFLOW;
  }

  @Override
  public Subject subject(Viewer v, String id) {
    return subject(workflow(v, id));
  }

  @Override
  public PageResult show(int status, Viewer v, PageCall call, Subject subject, Map<String, Object> failure) {
    return show(status, v, call, workflows.workflow(subject.id()), failure);
  }

  @Override
  public SubjectLink link(Subject subject) {
    Workflow w = workflows.workflow(subject.id());
    return new SubjectLink(w.type().id() + " of " + w.model() + " " + w.version(), "/workflows/" + w.id());
  }

  private PageResult view(PageCall call) {
    Viewer v = kit.viewer(call);
    return show(200, v, call, workflow(v, call), Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, Workflow w, Map<String, Object> failure) {
    boolean running = w.status() == Workflow.Status.RUNNING;
    Set<String> current = running
        ? diagrams.currentElements(w.type().processId(), w.currentSteps().stream().map(Workflow.Step::elementId)
            .toList())
        : Set.of();
    Map<String, Object> vars = new HashMap<>(failure);
    vars.put("workflow", w);
    vars.put("project", registry.project(w.projectId()));
    vars.put("diagram", diagrams.diagram(w.type().processId()).map(d -> d.highlighting(current)).orElse(null));
    vars.put("approvals", w.approvals());
    List<String> waiting = w.currentSteps().stream().filter(s -> s.kind().equals("message"))
        .map(Workflow.Step::elementId).filter(Workflows.MESSAGES::contains).toList();
    vars.put("messages", running && kit.allows(v, actions.message, w.team()) ? waiting : List.of());
    vars.put("mayCancel", running && kit.allows(v, actions.cancel, w.team()));
    kit.subjects().addSections(vars, v, call, subject(w), w);
    String title = w.type().id() + " of " + w.model() + " " + w.version();
    return kit.render(status, "workflow", title, v, call, vars);
  }

  private PageResult message(PageCall call) {
    Viewer v = kit.formViewer(call);
    Workflow w = workflow(v, call);
    String name = call.path("name");
    try {
      kit.require(v, actions.message, w.team());
      workflows.message(w, name, v.principal(), body(name, call));
      return PageKit.redirect(call, "/workflows/" + w.id(), Flash.success("Sent '" + name + "'."));
    } catch (Refusal e) {
      return failed(v, call, w, "message-" + name, e);
    }
  }

  /** The form's fields as the message body the workflow service parses and validates. */
  private static JsonObject body(String name, PageCall call) {
    JsonObject body = new JsonObject();
    switch (name) {
      case "deployment-finished" -> {
        call.field("succeeded").ifPresent(s -> body.put("succeeded", s.equals("true")));
        call.field("detail").ifPresent(d -> body.put("detail", d));
      }
      case "canary-metrics-reported" -> {
        MetricLines.parse("metrics", call.field("metrics")).ifPresent(m -> body.put("metrics", m));
        MetricLines.parse("baselineMetrics", call.field("baselineMetrics"))
            .ifPresent(m -> body.put("baselineMetrics", m));
      }
      case "retraining-finished" -> {
        call.field("version").ifPresent(s -> body.put("version", s));
        MetricLines.parse("metrics", call.field("metrics")).ifPresent(m -> body.put("metrics", m));
        call.field("runUri").ifPresent(u -> body.put("lineage", new JsonObject().put("runUri", u)));
      }
      default -> { }
    }
    return body;
  }

  private PageResult cancel(PageCall call) {
    Viewer v = kit.formViewer(call);
    Workflow w = workflow(v, call);
    try {
      kit.require(v, actions.cancel, w.team());
      workflows.cancel(w, v.principal());
      return PageKit.redirect(call, "/workflows/" + w.id(), Flash.success("Workflow canceled."));
    } catch (Refusal e) {
      return failed(v, call, w, "cancel", e);
    }
  }

  private PageResult failed(Viewer v, PageCall call, Workflow w, String form, Refusal e) {
    Map<String, String> submitted = new LinkedHashMap<>();
    for (String f : List.of("succeeded", "detail", "metrics", "baselineMetrics", "version", "runUri")) {
      call.field(f).ifPresent(value -> submitted.put(f, value));
    }
    PageKit.FormFailure failure = PageKit.FormFailure.of(e);
    return show(failure.status(), v, call, workflows.workflow(w.id()), failure.vars(form, submitted));
  }
}
