package dev.modelgate.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.Subject;
import dev.modelgate.discussion.SubjectType;
import dev.modelgate.maturity.Maturity;
import dev.modelgate.maturity.Scale;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.TimeReport;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.Workflows;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One project ({@code /projects/{id}}): its model versions (paged), running workflows, time spent by
 * activity, cost–benefit, latest maturity score and the project's discussion — each part only for those
 * whose role may read it, with the same permissions as the API routes for it.
 */
final class ProjectPages implements SubjectPage {

  static final int VERSIONS_PER_PAGE = 20;
  static final int WORKFLOWS_SHOWN = 20;

  private final PageKit kit;
  private final Registry registry;
  private final Workflows workflows;
  private final TimeReports timeReports;
  private final CostBenefit costBenefit;
  private final Maturity maturity;
  private final Discussions discussions;

  ProjectPages(PageKit kit, Registry registry, Workflows workflows, TimeReports timeReports, CostBenefit costBenefit,
      Maturity maturity, Discussions discussions) {
    this.kit = kit;
    this.registry = registry;
    this.workflows = workflows;
    this.timeReports = timeReports;
    this.costBenefit = costBenefit;
    this.maturity = maturity;
    this.discussions = discussions;
  }

  void mount(PageMount mount) {
    mount.get("/projects/:id", this::view);
  }

  private Project project(Viewer v, String id) {
    Project p = PageKit.load(() -> registry.project(id));
    kit.require(v, Permission.PROJECT_READ, p.team());
    return p;
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
    vars.put("running", kit.allows(v, Permission.WORKFLOW_READ, p.team())
        ? workflows.list(p, Optional.empty(), Optional.of("running"), new PageRequest(WORKFLOWS_SHOWN,
            Optional.empty())).items()
        : null);
    vars.put("time", kit.allows(v, Permission.TIME_REPORT_READ, p.team())
        ? timeReports.report(v.principal(), Optional.of(p.id()), Optional.empty(), Optional.empty(), Optional.empty(),
            TimeReport.GroupBy.ACTIVITY)
        : null);
    vars.put("costBenefit", kit.allows(v, Permission.COST_BENEFIT_READ, p.team())
        ? costBenefit.analyse(p, Optional.empty())
        : null);
    vars.put("maturity", kit.allows(v, Permission.MATURITY_READ, p.team())
        ? maturity.history(p).stream().filter(s -> s.score() != null).findFirst().orElse(null)
        : null);
    vars.put("google", Scale.GOOGLE);
    vars.put("microsoft", Scale.MICROSOFT);
    vars.put("maturityReadable", kit.allows(v, Permission.MATURITY_READ, p.team()));
    vars.put("discussion", DiscussionSection.of(kit, discussions, v, subject(p)));
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
