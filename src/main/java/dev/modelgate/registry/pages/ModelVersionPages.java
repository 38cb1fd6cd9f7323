package dev.modelgate.registry.pages;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.SubjectLink;
import dev.modelgate.pages.SubjectPage;
import dev.modelgate.pages.SubjectPages;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.MetricsComparison;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.RegistryActions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One model version ({@code /model-versions/{id}}): metrics against the baseline per segment as SVG bar
 * charts and a table, the gate report, stage history, and the sections other features contribute through
 * {@link SubjectPages}: its workflows with the buttons to start a review, sign-off or promotion (for those
 * allowed), and its discussion.
 */
public final class ModelVersionPages implements SubjectPage {

  private final PageKit kit;
  private final Registry registry;
  private final RegistryActions actions;

  public ModelVersionPages(PageKit kit, Registry registry, RegistryActions actions) {
    this.kit = kit;
    this.registry = registry;
    this.actions = actions;
  }

  public void mount(PageMount mount) {
    mount.get("/model-versions/:id", this::view);
  }

  private ModelVersion version(Viewer v, PageCall call) {
    return kit.open(v, actions.readVersion, call.path("id"));
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
    kit.subjects().addSections(vars, v, call, subject(version), version);
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
    return subject(kit.open(v, actions.readVersion, id));
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
}
