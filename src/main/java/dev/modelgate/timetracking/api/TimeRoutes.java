package dev.modelgate.timetracking.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.TimeActions;
import dev.modelgate.timetracking.TimeEntry;
import dev.modelgate.timetracking.TimeEntryFields;
import dev.modelgate.timetracking.TimeJson;
import dev.modelgate.timetracking.TimeReport;
import dev.modelgate.timetracking.TimeReportQuery;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.timetracking.TimeTracking;
import dev.modelgate.timetracking.Timer;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
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
  private final TimeActions actions;

  public TimeRoutes(TimeTracking tracking, TimeReports reports, Registry registry, TimeActions actions) {
    this.actions = actions;
    this.tracking = tracking;
    this.reports = reports;
    this.registry = registry;
  }

  public List<ApiRoute> table() {
    TimeActions a = actions;
    return List.of(
        ApiRoute.of(POST, "/projects/:project/time-entries", a.log, "project", JSON, this::create),
        ApiRoute.of(GET, "/projects/:project/time-entries", a.readProjectTime, "project", NONE, this::list),
        ApiRoute.of(GET, "/time-entries/:id", a.readEntry, "id", NONE, this::get),
        ApiRoute.of(PATCH, "/time-entries/:id", a.changeEntry, "id", JSON, this::update),
        ApiRoute.of(DELETE, "/time-entries/:id", a.changeEntry, "id", NONE, this::delete),
        ApiRoute.of(POST, "/timers/start", a.startTimer, JSON, this::startTimer),
        ApiRoute.of(POST, "/timers/stop", a.stopTimer, NONE, this::stopTimer),
        ApiRoute.of(GET, "/timers/current", a.currentTimer, NONE, this::currentTimer),
        ApiRoute.of(GET, "/reports/time", a.report, NONE, this::report));
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
