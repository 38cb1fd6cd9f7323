package dev.modelgate.registry.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.NewModelVersion;
import dev.modelgate.registry.NewProject;
import dev.modelgate.registry.NewTeam;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.RegistryActions;
import dev.modelgate.registry.Team;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
import java.util.List;

/** The registry's HTTP routes: parse, call the registry, render. Permissions are checked before. */
public final class RegistryRoutes {

  private final Registry registry;
  private final RegistryActions actions;

  public RegistryRoutes(Registry registry, RegistryActions actions) {
    this.registry = registry;
    this.actions = actions;
  }

  public List<ApiRoute> table() {
    RegistryActions a = actions;
    return List.of(
        ApiRoute.of(POST, "/teams", a.createTeam, JSON, this::createTeam),
        ApiRoute.of(GET, "/teams", a.listTeams, NONE, this::listTeams),
        ApiRoute.of(GET, "/teams/:team", a.readTeam, "team", NONE, this::getTeam),
        ApiRoute.of(POST, "/teams/:team/projects", a.createProject, "team", JSON, this::createProject),
        ApiRoute.of(GET, "/teams/:team/projects", a.listProjects, "team", NONE, this::listProjects),
        ApiRoute.of(GET, "/projects/:project", a.readProject, "project", NONE, this::getProject),
        ApiRoute.of(POST, "/projects/:project/model-versions", a.registerVersion, "project", JSON,
            this::registerVersion),
        ApiRoute.of(GET, "/projects/:project/model-versions", a.listVersions, "project", NONE, this::listVersions),
        ApiRoute.of(GET, "/model-versions/:id", a.readVersion, "id", NONE, this::getVersion));
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
