package dev.modelgate.timetracking.api;

import dev.modelgate.timetracking.TimeEntry;
import dev.modelgate.timetracking.TimeEntryFields;
import dev.modelgate.timetracking.TimeJson;
import dev.modelgate.timetracking.TimeReport;
import dev.modelgate.timetracking.TimeReportQuery;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.timetracking.Timer;
import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.access.Permission;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Time entries, timers and time reports over HTTP. */
public final class TimeRoutes {

  private final TimeTracking tracking;
  private final TimeReports reports;
  private final Registry registry;

  public TimeRoutes(TimeTracking tracking, TimeReports reports, Registry registry) {
    this.tracking = tracking;
    this.reports = reports;
    this.registry = registry;
  }

  public List<ApiRoute> table() {
    TeamScope projectTeam = TeamScope.resource(ctx -> {
      Project p = registry.project(ctx.pathParam("project"));
      return new TeamScope.Owned(p.team(), p);
    });
    TeamScope entryTeam = TeamScope.lookup(ctx -> tracking.teamOfEntry(ctx.pathParam("id")));
    TeamScope platform = TeamScope.platform();
    return List.of(
        new ApiRoute(POST, "/projects/:project/time-entries", Permission.TIME_LOG, projectTeam, JSON, this::create),
        new ApiRoute(GET, "/projects/:project/time-entries", Permission.TIME_REPORT_READ, projectTeam, NONE,
            this::list),
        new ApiRoute(GET, "/time-entries/:id", Permission.TIME_REPORT_READ, entryTeam, NONE, this::get),
        new ApiRoute(PATCH, "/time-entries/:id", Permission.TIME_LOG, entryTeam, JSON, this::update),
        new ApiRoute(DELETE, "/time-entries/:id", Permission.TIME_LOG, entryTeam, NONE, this::delete),
        new ApiRoute(POST, "/timers/start", Permission.AUTHENTICATED, platform, JSON, this::startTimer),
        new ApiRoute(POST, "/timers/stop", Permission.AUTHENTICATED, platform, NONE, this::stopTimer),
        new ApiRoute(GET, "/timers/current", Permission.AUTHENTICATED, platform, NONE, this::currentTimer),
        new ApiRoute(GET, "/reports/time", Permission.AUTHENTICATED, platform, NONE, this::report));
  }

  private Reply create(ApiCall call) {
    Project p = call.resource(Project.class);
    TimeEntry e = tracking.create(call.principal(), p, TimeEntryFields.forCreate(call.body()));
    return Reply.created(TimeJson.entry(e), "/api/v1/time-entries/" + e.id());
  }

  private Reply list(ApiCall call) {
    Project p = call.resource(Project.class);
    PageRequest page = PageRequest.from(call);
    TimeTracking.EntryPage result = tracking.list(call.principal(), p, call.query("user"), date(call, "from"),
        date(call, "to"), page.after(), page.limit());
    JsonArray items = new JsonArray();
    result.items().forEach(e -> items.add(TimeJson.entry(e)));
    return Reply.ok(new JsonObject().put("items", items).put("next", result.next()));
  }

  private Reply get(ApiCall call) {
    return Reply.ok(TimeJson.entry(tracking.entry(call.principal(), call.path("id"))));
  }

  private Reply update(ApiCall call) {
    return Reply.ok(TimeJson.entry(tracking.update(call.principal(), call.path("id"),
        TimeEntryFields.forEdit(call.body()))));
  }

  private Reply delete(ApiCall call) {
    tracking.delete(call.principal(), call.path("id"));
    return Reply.noContent();
  }

  private Reply startTimer(ApiCall call) {
    TimeEntryFields req = TimeEntryFields.forTimer(call.body());
    Project p = registry.project(call.body().getString("project"));
    Timer t = tracking.startTimer(call.principal(), p, req);
    return Reply.created(TimeJson.timer(t), "/api/v1/timers/current");
  }

  private Reply stopTimer(ApiCall call) {
    TimeEntry e = tracking.stopTimer(call.principal());
    return Reply.created(TimeJson.entry(e), "/api/v1/time-entries/" + e.id());
  }

  private Reply currentTimer(ApiCall call) {
    return tracking.currentTimer(call.principal()).map(t -> Reply.ok(TimeJson.timer(t)))
        .orElseThrow(() -> Refusal.notFound("you have no running timer"));
  }

  private Reply report(ApiCall call) {
    TimeReport r = TimeReportQuery.parse(call.query("project"), call.query("team"), call::query,
        TimeReport.GroupBy.PROJECT).run(reports, call.principal());
    if (wantsCsv(call)) {
      return new Reply(200, "text/csv; charset=utf-8", io.vertx.core.buffer.Buffer.buffer(TimeJson.csv(r)),
          java.util.Map.of("Content-Disposition", "attachment; filename=\"time-report.csv\""));
    }
    return Reply.ok(TimeJson.report(r));
  }

  static boolean wantsCsv(ApiCall call) {
    Optional<String> format = call.query("format");
    if (format.isPresent()) {
      if (format.get().equals("csv")) {
        return true;
      }
      if (format.get().equals("json")) {
        return false;
      }
      throw Refusal.invalid("format", "must be json or csv");
    }
    return call.header("Accept").map(a -> a.contains("text/csv")).orElse(false);
  }

  static Optional<LocalDate> date(ApiCall call, String name) {
    return TimeReportQuery.date(name, call.query(name));
  }
}
