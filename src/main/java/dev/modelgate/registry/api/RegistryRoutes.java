package dev.modelgate.registry.api;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.NewModelVersion;
import dev.modelgate.registry.NewProject;
import dev.modelgate.registry.NewTeam;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.Team;
import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.access.Permission;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import java.util.List;

/** The registry's HTTP routes: parse, call the registry, render. Permissions are checked before. */
public final class RegistryRoutes {

  private final Registry registry;

  public RegistryRoutes(Registry registry) {
    this.registry = registry;
  }

  public List<ApiRoute> table() {
    TeamScope team = TeamScope.pathParam("team");
    TeamScope projectTeam = TeamScope.resource(ctx -> {
      Project p = registry.project(ctx.pathParam("project"));
      return new TeamScope.Owned(p.team(), p);
    });
    TeamScope versionTeam = TeamScope.resource(ctx -> {
      ModelVersion v = registry.version(ctx.pathParam("id"));
      return new TeamScope.Owned(v.team(), v);
    });
    return List.of(
        new ApiRoute(POST, "/teams", Permission.TEAM_CREATE, TeamScope.platform(), JSON, this::createTeam),
        new ApiRoute(GET, "/teams", Permission.AUTHENTICATED, TeamScope.platform(), NONE, this::listTeams),
        new ApiRoute(GET, "/teams/:team", Permission.TEAM_READ, team, NONE, this::getTeam),
        new ApiRoute(POST, "/teams/:team/projects", Permission.PROJECT_CREATE, team, JSON, this::createProject),
        new ApiRoute(GET, "/teams/:team/projects", Permission.PROJECT_READ, team, NONE, this::listProjects),
        new ApiRoute(GET, "/projects/:project", Permission.PROJECT_READ, projectTeam, NONE, this::getProject),
        new ApiRoute(POST, "/projects/:project/model-versions", Permission.MODEL_VERSION_REGISTER, projectTeam, JSON,
            this::registerVersion),
        new ApiRoute(GET, "/projects/:project/model-versions", Permission.MODEL_VERSION_READ, projectTeam, NONE,
            this::listVersions),
        new ApiRoute(GET, "/model-versions/:id", Permission.MODEL_VERSION_READ, versionTeam, NONE,
            this::getVersion));
  }

  private Reply createTeam(ApiCall call) {
    Team t = registry.createTeam(call.principal(), NewTeam.parse(call.body()));
    return Reply.created(RegistryJson.team(t), "/api/v1/teams/" + t.slug());
  }

  private Reply listTeams(ApiCall call) {
    return Reply.ok(registry.teams(call.principal(), PageRequest.from(call)).toJson(RegistryJson::team));
  }

  private Reply getTeam(ApiCall call) {
    return Reply.ok(RegistryJson.team(registry.team(call.team())));
  }

  private Reply createProject(ApiCall call) {
    Project p = registry.createProject(call.team(), call.principal(), NewProject.parse(call.body()));
    return Reply.created(RegistryJson.project(p), "/api/v1/projects/" + p.id());
  }

  private Reply listProjects(ApiCall call) {
    return Reply.ok(registry.projects(call.team(), PageRequest.from(call)).toJson(RegistryJson::project));
  }

  private Reply getProject(ApiCall call) {
    return Reply.ok(RegistryJson.project(call.resource(Project.class)));
  }

  private Reply registerVersion(ApiCall call) {
    Project p = call.resource(Project.class);
    ModelVersion v = registry.registerVersion(p, call.principal(), NewModelVersion.parse(call.body()));
    return Reply.created(RegistryJson.modelVersion(v), "/api/v1/model-versions/" + v.id());
  }

  private Reply listVersions(ApiCall call) {
    Project p = call.resource(Project.class);
    return Reply.ok(registry.versions(p, call.query("model"), PageRequest.from(call))
        .toJson(RegistryJson::modelVersion));
  }

  private Reply getVersion(ApiCall call) {
    return Reply.ok(RegistryJson.modelVersion(call.resource(ModelVersion.class)));
  }
}
