package dev.modelgate.timetracking.pages;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.RegistryActions;
import dev.modelgate.timetracking.Activity;
import dev.modelgate.timetracking.TimeActions;
import dev.modelgate.timetracking.TimeEntryFields;
import dev.modelgate.timetracking.TimeJson;
import dev.modelgate.timetracking.TimeReport;
import dev.modelgate.timetracking.TimeReportQuery;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.web.PageRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time ({@code /time}): the running timer (start, stop), a form to log an entry, the viewer's entries on a
 * project, and a report with a bar per row over one project or a whole team, a date range and a grouping,
 * chosen in a plain GET form and downloadable as CSV ({@code /time/report.csv}, the same query). Time tracking
 * decides who may log, who sees whose entries and what a report holds; the page only offers the viewer's
 * projects and teams.
 */
public final class TimePages {

  static final int ENTRIES_SHOWN = 20;
  static final int PROJECTS_PER_TEAM = 50;
  static final double BAR_WIDTH = 320;
  static final List<String> GROUPINGS = List.of("project", "user", "activity", "week", "workflow-step");
  static final List<String> REPORT_FIELDS = List.of("scope", "from", "to", "groupBy");
  static final String SCOPE_MESSAGE = "choose one of your projects or teams";

  private final PageKit kit;
  private final Registry registry;
  private final TimeTracking time;
  private final TimeReports reports;
  private final TimeActions actions;
  private final RegistryActions registryActions;

  public TimePages(PageKit kit, Registry registry, TimeTracking time, TimeReports reports, TimeActions actions,
      RegistryActions registryActions) {
    this.actions = actions;
    this.registryActions = registryActions;
    this.kit = kit;
    this.registry = registry;
    this.time = time;
    this.reports = reports;
  }

  public void mount(PageMount mount) {
    mount.get("/time", this::view);
    mount.get("/time/report.csv", this::reportCsv);
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
    vars.put("teams", projects.keySet());
    vars.put("groupings", GROUPINGS);
    int shown = status;
    Map<String, String> asked = new LinkedHashMap<>();
    for (String f : REPORT_FIELDS) {
      call.query(f).ifPresent(value -> asked.put(f, value));
    }
    vars.put("asked", asked);
    try {
      Optional<ReportRequest> request = reportRequest(v, call, selected);
      if (request.isPresent()) {
        ReportRequest r = request.get();
        if (r.project().isPresent()) {
          selected = r.project();
        }
        TimeReport report = r.query().run(reports, v.principal());
        vars.put("scope", r.scope());
        vars.put("report", report);
        vars.put("bars", bars(report));
        vars.put("groupBy", report.groupBy().id());
      }
    } catch (Refusal e) {
      // A refused report query is shown at its field; the rest of the page stays usable.
      if (!e.is(Refusal.Kind.INVALID) || !failure.isEmpty()) {
        throw e;
      }
      PageKit.FormFailure f = PageKit.FormFailure.of(e);
      shown = f.status();
      vars.putAll(f.vars("report", asked));
      vars.put("scope", call.query("scope").orElse(""));
    }
    vars.putIfAbsent("groupBy", call.query("groupBy").orElse(""));
    vars.put("selected", selected.orElse(null));
    if (selected.isPresent()) {
      Project p = selected.get();
      vars.put("entries", time.list(v.principal(), p, Optional.of(v.username()), Optional.empty(), Optional.empty(),
          Optional.empty(), ENTRIES_SHOWN).items());
    }
    return kit.render(shown, "time", "Time", v, call, vars);
  }

  /** The report as CSV, rendered as the API renders it; the same sign-in and permission as the page. */
  private PageResult reportCsv(PageCall call) {
    Viewer v = kit.viewer(call);
    if (call.query("scope").isEmpty()) {
      throw Refusal.invalid("scope", SCOPE_MESSAGE);
    }
    ReportRequest r = reportRequest(v, call, Optional.empty()).orElseThrow();
    TimeReport report = r.query().run(reports, v.principal());
    return PageResult.download("text/csv; charset=utf-8", filename(report), TimeJson.csv(report));
  }

  /** Where the report's rows come from, and its query. */
  private record ReportRequest(String scope, Optional<Project> project, TimeReportQuery query) {}

  /**
   * The report the query asks for: {@code scope} is {@code project:<id>} or {@code team:<slug>}; without it,
   * the selected project's (today's behaviour), or none when the viewer has no project. Someone outside the
   * scope's team gets the page's 404, as everywhere.
   */
  private Optional<ReportRequest> reportRequest(Viewer v, PageCall call, Optional<Project> selected) {
    Optional<String> scope = call.query("scope");
    if (scope.isEmpty() && selected.isEmpty()) {
      return Optional.empty();
    }
    String value = scope.orElseGet(() -> "project:" + selected.get().id());
    int colon = value.indexOf(':');
    String kind = colon < 0 ? "" : value.substring(0, colon);
    String id = value.substring(colon + 1);
    if (id.isEmpty() || !(kind.equals("project") || kind.equals("team"))) {
      throw Refusal.invalid("scope", SCOPE_MESSAGE);
    }
    if (kind.equals("team")) {
      kit.require(v, actions.readTeamTime, id);
      return Optional.of(new ReportRequest(value, Optional.empty(), TimeReportQuery.parse(Optional.empty(),
          Optional.of(id), call::query, TimeReport.GroupBy.PROJECT)));
    }
    Project p = kit.open(v, actions.readProjectTime, id);
    TimeReportQuery q = TimeReportQuery.parse(Optional.of(p.id()), Optional.empty(), call::query,
        TimeReport.GroupBy.ACTIVITY);
    if (q.groupBy() == TimeReport.GroupBy.PROJECT) {
      // One project would be one row: grouping by project is offered for a team.
      throw Refusal.invalid("groupBy", "group by project needs a team as scope");
    }
    return Optional.of(new ReportRequest(value, Optional.of(p), q));
  }

  /** A file name from the scope, grouping and range, reduced to characters safe in a header. */
  static String filename(TimeReport r) {
    String name = "time-" + r.scopeId() + "-" + r.groupBy().id() + "-" + r.from() + "-to-" + r.to() + ".csv";
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Bars scaled to the longest row; workflow-step rows carry seconds, every other grouping minutes. */
  private static List<ReportBar> bars(TimeReport r) {
    boolean steps = r.groupBy() == TimeReport.GroupBy.WORKFLOW_STEP;
    double max = r.rows().stream().mapToDouble(row -> minutes(row, steps)).max().orElse(0);
    List<ReportBar> out = new ArrayList<>();
    for (TimeReport.Row row : r.rows()) {
      double m = minutes(row, steps);
      out.add(new ReportBar(row.key(), row.label(), m, row.count(), max == 0 ? 0 : BAR_WIDTH * m / max));
    }
    return out;
  }

  static double minutes(TimeReport.Row row, boolean steps) {
    return steps ? row.seconds() / 60.0 : row.minutes();
  }

  private Project project(Viewer v, PageCall call) {
    String id = call.field("project").orElseThrow(() -> Refusal.invalid("project", "choose a project"));
    return kit.open(v, registryActions.readProject, id);
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
      kit.require(v, actions.log, p.team());
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
    } catch (Refusal e) {
      if (e.is(Refusal.Kind.NOT_FOUND) && PageKit.NOT_FOUND.equals(e.detail())) {
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
