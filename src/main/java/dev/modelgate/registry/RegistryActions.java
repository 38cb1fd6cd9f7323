package dev.modelgate.registry;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;

/**
 * What people do in the registry, each declared once with its permission and team scope; the registry's
 * API routes and pages (and other features' pages that open a project or model version) use these.
 */
public final class RegistryActions {

  public final Action<Void> createTeam = Action.platform("team.create", Permission.TEAM_CREATE);
  public final Action<Void> listTeams = Action.platform("team.list", Permission.AUTHENTICATED);
  public final Action<String> readTeam = Action.team("team.read", Permission.TEAM_READ);
  public final Action<String> createProject = Action.team("project.create", Permission.PROJECT_CREATE);
  public final Action<String> listProjects = Action.team("project.list", Permission.PROJECT_READ);
  public final Action<Project> readProject;
  public final Action<Project> registerVersion;
  public final Action<Project> listVersions;
  public final Action<ModelVersion> readVersion;

  public RegistryActions(Registry registry) {
    this.readProject = Action.owned("project.read", Permission.PROJECT_READ, id -> registry.project(id), Project::team);
    this.registerVersion = readProject.with("model-version.register", Permission.MODEL_VERSION_REGISTER);
    this.listVersions = readProject.with("model-version.list", Permission.MODEL_VERSION_READ);
    this.readVersion = Action.owned("model-version.read", Permission.MODEL_VERSION_READ, id -> registry.version(id),
        ModelVersion::team);
  }
}
