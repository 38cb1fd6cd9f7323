package dev.modelgate.pages;

import dev.modelgate.access.Role;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.Inbox;
import dev.modelgate.workflow.Task;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The dashboard: who is signed in, their teams and roles, and the open tasks waiting for them. */
final class DashboardPages {

  static final int TASKS_SHOWN = 20;

  private final PageKit kit;
  private final Inbox inbox;

  DashboardPages(PageKit kit, Inbox inbox) {
    this.kit = kit;
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
    return kit.render(200, "dashboard", "Dashboard", v, call, vars);
  }
}
