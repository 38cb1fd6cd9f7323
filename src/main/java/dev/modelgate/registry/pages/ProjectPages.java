package dev.modelgate.registry.pages;

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
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.RegistryActions;
import dev.modelgate.web.PageRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One project ({@code /projects/{id}}): its model versions (paged), and the sections other features contribute
 * through {@link SubjectPages} (running workflows, time spent by activity, cost–benefit, latest maturity
 * score, the project's discussion) — each part only for those whose role may read it, with the same
 * permissions as the API routes for it.
 */
public final class ProjectPages implements SubjectPage {

  static final int VERSIONS_PER_PAGE = 20;

  private final PageKit kit;
  private final Registry registry;
  private final RegistryActions actions;

  public ProjectPages(PageKit kit, Registry registry, RegistryActions actions) {
    this.kit = kit;
    this.registry = registry;
    this.actions = actions;
  }

  public void mount(PageMount mount) {
    mount.get("/projects/:id", this::view);
  }

  private Project project(Viewer v, String id) {
    return kit.open(v, actions.readProject, id);
  }

  private PageResult view(PageCall call) {
    Viewer v = kit.viewer(call);
    return show(200, v, call, project(v, call.path("id")), Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, Project p, Map<String, Object> failure) {
    Map<String, Object> vars = new HashMap<>(failure);
    vars.put("project", p);
    var versions = registry.versions(p, Optional.empty(), new PageRequest(VERSIONS_PER_PAGE, call.query("after")));
    vars.put("versions", versions.items());
    vars.put("next", versions.next());
    kit.subjects().addSections(vars, v, call, subject(p), p);
    return kit.render(status, "project", p.name(), v, call, vars);
  }

  private static Subject subject(Project p) {
    return new Subject(SubjectType.PROJECT, p.id(), p.team());
  }

  @Override
  public SubjectType type() {
    return SubjectType.PROJECT;
  }

  @Override
  public Subject subject(Viewer v, String id) {
    return subject(project(v, id));
  }

  @Override
  public PageResult show(int status, Viewer v, PageCall call, Subject subject, Map<String, Object> failure) {
    return show(status, v, call, registry.project(subject.id()), failure);
  }

  @Override
  public SubjectLink link(Subject subject) {
    Project p = registry.project(subject.id());
    return new SubjectLink("project " + p.name(), "/projects/" + p.id());
  }
}
