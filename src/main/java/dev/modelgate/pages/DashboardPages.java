package dev.modelgate.pages;

import dev.modelgate.access.Role;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.Inbox;
import dev.modelgate.workflow.Task;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The dashboard: who is signed in, their teams, roles and projects, and the open tasks waiting for them. */
final class DashboardPages {

  static final int TASKS_SHOWN = 20;
  static final int PROJECTS_SHOWN = 50;

  private final PageKit kit;
  private final Registry registry;
  private final Inbox inbox;

  DashboardPages(PageKit kit, Registry registry, Inbox inbox) {
    this.kit = kit;
    this.registry = registry;
    this.inbox = inbox;
  }

  void mount(PageMount mount) {
    mount.get("/dashboard", this::dashboard);
  }

  private PageResult dashboard(PageCall call) {
    Viewer v = kit.viewer(call);
    Map<String, String> teams = new LinkedHashMap<>();
    v.principal().teamRoles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        teams.put(e.getKey(), e.getValue().stream().map(Role::id).sorted().collect(Collectors.joining(", "))));
    List<Task> tasks = inbox.mine(v.principal(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false, new PageRequest(TASKS_SHOWN, Optional.empty())).items();
    Map<String, Object> vars = new HashMap<>();
    vars.put("teams", teams);
    vars.put("tasks", tasks);
    // The projects of the viewer's teams, the way into project and model-version pages.
    Map<String, List<Project>> projects = new LinkedHashMap<>();
    teams.keySet().forEach(team -> projects.put(team,
        registry.projects(team, new PageRequest(PROJECTS_SHOWN, Optional.empty())).items()));
    vars.put("projects", projects);
    return kit.render(200, "dashboard", "Dashboard", v, call, vars);
  }
}
