package dev.modelgate.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.Activity;
import dev.modelgate.timetracking.TimeEntryFields;
import dev.modelgate.timetracking.TimeReport;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time ({@code /time}): the running timer (start, stop), a form to log an entry, the viewer's entries on a
 * project, and a report on it grouped by activity, person or week with a bar per row. Time tracking decides
 * who may log and who sees whose entries; the page only offers the projects of the viewer's teams.
 */
final class TimePages {

  static final int ENTRIES_SHOWN = 20;
  static final int PROJECTS_PER_TEAM = 50;
  static final double BAR_WIDTH = 320;

  private final PageKit kit;
  private final Registry registry;
  private final TimeTracking time;
  private final TimeReports reports;

  TimePages(PageKit kit, Registry registry, TimeTracking time, TimeReports reports) {
    this.kit = kit;
    this.registry = registry;
    this.time = time;
    this.reports = reports;
  }

  void mount(PageMount mount) {
    mount.get("/time", this::view);
    mount.post("/time/timer/start", this::startTimer);
    mount.post("/time/timer/stop", this::stopTimer);
    mount.post("/time/entries", this::logEntry);
  }

  private PageResult view(PageCall call) {
    Viewer v = kit.viewer(call);
    return show(200, v, call, Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, Map<String, Object> failure) {
    Map<String, List<Project>> projects = new LinkedHashMap<>();
    v.principal().teamRoles().keySet().stream().sorted().forEach(team -> projects.put(team,
        registry.projects(team, new PageRequest(PROJECTS_PER_TEAM, Optional.empty())).items()));
    List<Project> all = projects.values().stream().flatMap(List::stream).toList();
    Optional<Project> selected = call.query("project").flatMap(id -> all.stream().filter(p -> p.id().equals(id))
        .findFirst()).or(() -> all.stream().findFirst());
    Map<String, Object> vars = new HashMap<>(failure);
    vars.put("projects", projects);
    vars.put("activities", Activity.ids());
    vars.put("timer", time.currentTimer(v.principal()).orElse(null));
    vars.put("selected", selected.orElse(null));
    TimeReport.GroupBy groupBy = call.query("groupBy").flatMap(TimeReport.GroupBy::parse)
        .orElse(TimeReport.GroupBy.ACTIVITY);
    vars.put("groupBy", groupBy.id());
    vars.put("groupings", List.of("activity", "user", "week"));
    if (selected.isPresent()) {
      Project p = selected.get();
      vars.put("entries", time.list(v.principal(), p, Optional.of(v.username()), Optional.empty(), Optional.empty(),
          Optional.empty(), ENTRIES_SHOWN).items());
      if (kit.allows(v, Permission.TIME_REPORT_READ, p.team())) {
        TimeReport report = reports.report(v.principal(), Optional.of(p.id()), Optional.empty(), Optional.empty(),
            Optional.empty(), groupBy);
        vars.put("report", report);
        vars.put("bars", bars(report));
      }
    }
    return kit.render(status, "time", "Time", v, call, vars);
  }

  private static List<ReportBar> bars(TimeReport r) {
    long max = r.rows().stream().mapToLong(TimeReport.Row::minutes).max().orElse(0);
    List<ReportBar> out = new ArrayList<>();
    for (TimeReport.Row row : r.rows()) {
      out.add(new ReportBar(row.key(), row.label(), row.minutes(), row.count(),
          max == 0 ? 0 : BAR_WIDTH * row.minutes() / max));
    }
    return out;
  }

  private Project project(Viewer v, PageCall call) {
    String id = call.field("project").orElseThrow(() -> ProblemException.badRequest("project", "choose a project"));
    Project p = PageKit.load(() -> registry.project(id));
    kit.require(v, Permission.PROJECT_READ, p.team());
    return p;
  }

  private PageResult startTimer(PageCall call) {
    Viewer v = kit.formViewer(call);
    return act(v, call, "timer", () -> {
      Project p = project(v, call);
      JsonObject body = new JsonObject().put("project", p.id());
      call.field("activity").ifPresent(a -> body.put("activity", a));
      call.field("note").ifPresent(n -> body.put("note", n));
      time.startTimer(v.principal(), p, TimeEntryFields.forTimer(body));
      return new Done("/time?project=" + p.id(), "Timer started.");
    });
  }

  private PageResult stopTimer(PageCall call) {
    Viewer v = kit.formViewer(call);
    return act(v, call, "timer", () -> {
      var e = time.stopTimer(v.principal());
      return new Done("/time?project=" + e.projectId(), "Timer stopped: " + e.minutes() + " min logged.");
    });
  }

  private PageResult logEntry(PageCall call) {
    Viewer v = kit.formViewer(call);
    return act(v, call, "entry", () -> {
      Project p = project(v, call);
      kit.require(v, Permission.TIME_LOG, p.team());
      JsonObject body = new JsonObject();
      for (String f : List.of("duration", "activity", "date", "note")) {
        call.field(f).ifPresent(value -> body.put(f, value));
      }
      var e = time.create(v.principal(), p, TimeEntryFields.forCreate(body));
      return new Done("/time?project=" + p.id(), "Logged " + e.minutes() + " min on " + p.name() + ".");
    });
  }

  private record Done(String location, String message) {}

  @FunctionalInterface
  private interface Action {
    Done run();
  }

  private PageResult act(Viewer v, PageCall call, String form, Action action) {
    try {
      Done d = action.run();
      return PageKit.redirect(call, d.location(), Flash.success(d.message()));
    } catch (ProblemException e) {
      if (e.problem().status() == 404 && PageKit.NOT_FOUND.equals(e.problem().detail())) {
        throw e;
      }
      Map<String, String> submitted = new LinkedHashMap<>();
      for (String f : List.of("project", "duration", "activity", "date", "note")) {
        call.field(f).ifPresent(value -> submitted.put(f, value));
      }
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      return show(failure.status(), v, call, failure.vars(form, submitted));
    }
  }
}
