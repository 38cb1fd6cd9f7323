package dev.modelgate.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.Subject;
import dev.modelgate.discussion.SubjectType;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.PageRequest;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowType;
import dev.modelgate.workflow.Workflows;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model version ({@code /model-versions/{id}}): metrics against the baseline per segment as SVG bar
 * charts and a table, the gate report, stage history, its workflows, buttons to start a review, sign-off
 * or promotion (for those allowed), and its discussion (the shared section; its forms post to
 * {@link DiscussionPages}).
 */
final class ModelVersionPages implements SubjectPage {

  static final int WORKFLOWS_SHOWN = 20;

  private final PageKit kit;
  private final Registry registry;
  private final Workflows workflows;
  private final Discussions discussions;

  ModelVersionPages(PageKit kit, Registry registry, Workflows workflows, Discussions discussions) {
    this.kit = kit;
    this.registry = registry;
    this.workflows = workflows;
    this.discussions = discussions;
  }

  void mount(PageMount mount) {
    mount.get("/model-versions/:id", this::view);
    mount.post("/model-versions/:id/workflows", this::startWorkflow);
  }

  private ModelVersion version(Viewer v, PageCall call) {
    ModelVersion version = PageKit.load(() -> registry.version(call.path("id")));
    kit.require(v, Permission.MODEL_VERSION_READ, version.team());
    return version;
  }

  private PageResult view(PageCall call) {
    Viewer v = kit.viewer(call);
    return show(200, v, call, version(v, call), Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, ModelVersion version, Map<String, Object> failure) {
    Project project = registry.project(version.projectId());
    Optional<ModelVersion> baseline = MetricsComparison.baselineId(version).flatMap(this::find);
    MetricsComparison metrics = MetricsComparison.of(version, baseline);
    Map<String, Object> vars = new HashMap<>(failure);
    vars.put("version", version);
    vars.put("project", project);
    vars.put("metrics", metrics);
    vars.put("charts", BarChart.of(metrics));
    vars.put("workflows", workflows.list(project, Optional.of(version.id()), Optional.empty(),
        new PageRequest(WORKFLOWS_SHOWN, Optional.empty())).items());
    vars.put("startable", kit.allows(v, Permission.WORKFLOW_START, version.team())
        ? Arrays.stream(WorkflowType.values()).filter(WorkflowType::startableByPeople).map(WorkflowType::id).toList()
        : List.of());
    vars.put("discussion", DiscussionSection.of(kit, discussions, v, subject(version)));
    return kit.render(status, "model-version", version.model() + " " + version.version(), v, call, vars);
  }

  private Optional<ModelVersion> find(String id) {
    try {
      return Optional.of(registry.version(id));
    } catch (Refusal e) {
      return Optional.empty();
    }
  }

  private static Subject subject(ModelVersion v) {
    return new Subject(SubjectType.MODEL_VERSION, v.id(), v.team());
  }

  @Override
  public SubjectType type() {
    return SubjectType.MODEL_VERSION;
  }

  @Override
  public Subject subject(Viewer v, String id) {
    ModelVersion version = PageKit.load(() -> registry.version(id));
    kit.require(v, Permission.MODEL_VERSION_READ, version.team());
    return subject(version);
  }

  @Override
  public PageResult show(int status, Viewer v, PageCall call, Subject subject, Map<String, Object> failure) {
    return show(status, v, call, registry.version(subject.id()), failure);
  }

  @Override
  public SubjectLink link(Subject subject) {
    ModelVersion version = registry.version(subject.id());
    return new SubjectLink(version.model() + " " + version.version(), "/model-versions/" + version.id());
  }

  private PageResult startWorkflow(PageCall call) {
    Viewer v = kit.formViewer(call);
    ModelVersion version = version(v, call);
    try {
      kit.require(v, Permission.WORKFLOW_START, version.team());
      String raw = call.field("type").orElse("");
      WorkflowType type = WorkflowType.parse(raw).filter(WorkflowType::startableByPeople)
          .orElseThrow(() -> Refusal.invalid("type", "must be review, signoff or promotion"));
      Workflow w = workflows.start(version, type, v.username());
      return PageKit.redirect(call, "/workflows/" + w.id(), Flash.success("Started the " + type.id() + "."));
    } catch (Refusal e) {
      return failed(v, call, version, "start", e);
    }
  }

  private PageResult failed(Viewer v, PageCall call, ModelVersion version, String form, Refusal e) {
    Map<String, String> submitted = new LinkedHashMap<>();
    for (String f : List.of("type")) {
      call.field(f).ifPresent(value -> submitted.put(f, value));
    }
    PageKit.FormFailure failure = PageKit.FormFailure.of(e);
    return show(failure.status(), v, call, registry.version(version.id()), failure.vars(form, submitted));
  }
}
