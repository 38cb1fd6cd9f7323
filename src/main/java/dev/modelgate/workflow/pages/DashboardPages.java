package dev.modelgate.workflow.pages;

import dev.modelgate.access.Role;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.Inbox;
import dev.modelgate.workflow.Task;
import dev.modelgate.workflow.Workflows;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dashboard: who is signed in, their teams, roles and projects, the open tasks waiting for them and the
 * workflows running in their teams.
 */
public final class DashboardPages {

  static final int TASKS_SHOWN = 20;
  static final int PROJECTS_SHOWN = 50;
  static final int WORKFLOWS_SHOWN = 20;

  private final PageKit kit;
  private final Registry registry;
  private final Inbox inbox;
  private final Workflows workflows;

  public DashboardPages(PageKit kit, Registry registry, Inbox inbox, Workflows workflows) {
    this.kit = kit;
    this.registry = registry;
    this.inbox = inbox;
    this.workflows = workflows;
  }

  public void mount(PageMount mount) {
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
    List<Project> all = projects.values().stream().flatMap(List::stream).toList();
    Map<String, String> projectNames = new HashMap<>();
    all.forEach(p -> projectNames.put(p.id(), p.name()));
    vars.put("running", workflows.running(all, WORKFLOWS_SHOWN));
    vars.put("projectNames", projectNames);
    return kit.render(200, "dashboard", "Dashboard", v, call, vars);
  }
}
