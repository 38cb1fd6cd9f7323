package dev.modelgate.registry;

import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.Ids;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model registry: teams, their projects, and the model versions registered in them. */
public final class Registry {

  private final TeamRepository teams;
  private final ProjectRepository projects;
  private final ModelVersionRepository versions;
  private final Clock clock;
  private final AuditTrail audit;

  public Registry(TeamRepository teams, ProjectRepository projects, ModelVersionRepository versions, Clock clock) {
    this(teams, projects, versions, clock, AuditTrail.NONE);
  }

  public Registry(TeamRepository teams, ProjectRepository projects, ModelVersionRepository versions, Clock clock,
      AuditTrail audit) {
    this.teams = teams;
    this.projects = projects;
    this.versions = versions;
    this.clock = clock;
    this.audit = audit;
  }

  public void ensureIndexes() {
    projects.ensureIndexes();
    versions.ensureIndexes();
  }

  public Team createTeam(Principal by, NewTeam req) {
    Team team = new Team(req.slug(), req.name(), req.description(), by.username(), Instant.now(clock));
    if (!teams.insert(team)) {
      throw Refusal.conflict("slug", "a team with slug '" + req.slug() + "' already exists");
    }
    audit.record(new AuditEvent(by.username(), "team.created", team.slug(), "team", team.slug(),
        Map.of("name", team.name())));
    return team;
  }

  public Team team(String slug) {
    return teams.find(slug).orElseThrow(() -> Refusal.notFound("no team '" + slug + "'"));
  }

  public boolean teamExists(String slug) {
    return teams.find(slug).isPresent();
  }

  /** The teams the principal belongs to (all teams for the platform admin). */
  public Page<Team> teams(Principal who, PageRequest page) {
    Optional<java.util.Collection<String>> only = who.admin()
        ? Optional.empty()
        : Optional.of(who.teamRoles().keySet());
    List<Team> fetched = teams.list(only, page.after(), page.limit() + 1);
    return Page.of(fetched, page.limit(), Team::slug);
  }

  public Project createProject(String team, Principal by, NewProject req) {
    team(team);
    Project p = new Project(Ids.newId(), team, req.slug(), req.name(), req.description(),
        req.expectedBenefitPerMonth(), req.budget(), req.currency(), by.username(), Instant.now(clock));
    if (!projects.insert(p)) {
      throw Refusal.conflict("slug", "team '" + team + "' already has a project '" + req.slug() + "'");
    }
    audit.record(new AuditEvent(by.username(), "project.created", team, "project", p.id(),
        Map.of("slug", p.slug(), "name", p.name())));
    return p;
  }

  public Project project(String id) {
    Optional<Project> p = Ids.isValid(id) ? projects.find(id) : Optional.empty();
    return p.orElseThrow(() -> projectNotFound(id));
  }

  /** The 404 of a project that does not exist (also what an outsider hears about another team's project). */
  public static Refusal projectNotFound(String id) {
    return Refusal.notFound("no project '" + id + "'");
  }

  public Page<Project> projects(String team, PageRequest page) {
    team(team);
    page.requireObjectIdCursor();
    return Page.of(projects.listByTeam(team, page.after(), page.limit() + 1), page.limit(), Project::id);
  }

  public ModelVersion registerVersion(Project project, Principal by, NewModelVersion req) {
    if (req.baselineVersionId() != null) {
      Optional<ModelVersion> baseline = Ids.isValid(req.baselineVersionId())
          ? versions.find(req.baselineVersionId())
          : Optional.empty();
      if (baseline.isEmpty() || !baseline.get().projectId().equals(project.id())) {
        throw Refusal.unacceptable("baselineVersionId",
            "no model version '" + req.baselineVersionId() + "' in project '" + project.id() + "'");
      }
    }
    Instant now = Instant.now(clock);
    ModelVersion v = new ModelVersion(Ids.newId(), project.id(), project.team(), req.model(), req.version(),
        req.metrics(), req.segments(), req.lineage(), req.baselineVersionId(), Stage.NONE,
        List.of(new ModelVersion.StageChange(Stage.NONE, now, by.username(), null, "registered")),
        by.username(), now, null);
    if (!versions.insert(v)) {
      throw Refusal.conflict("version",
          "model '" + req.model() + "' version '" + req.version() + "' is already registered in this project");
    }
    audit.record(new AuditEvent(by.username(), "model-version.registered", v.team(), "model-version", v.id(),
        Map.of("projectId", v.projectId(), "model", v.model(), "version", v.version())));
    return v;
  }

  public ModelVersion version(String id) {
    Optional<ModelVersion> v = Ids.isValid(id) ? versions.find(id) : Optional.empty();
    return v.orElseThrow(() -> Refusal.notFound("no model version '" + id + "'"));
  }

  /** What the project's registered versions carry (run ids, lineage, baselines), all time. */
  public VersionCounts versionCounts(Project project) {
    return versions.counts(project.id());
  }

  public Page<ModelVersion> versions(Project project, Optional<String> model, PageRequest page) {
    page.requireObjectIdCursor();
    return Page.of(versions.listByProject(project.id(), model, page.after(), page.limit() + 1), page.limit(),
        ModelVersion::id);
  }
}
