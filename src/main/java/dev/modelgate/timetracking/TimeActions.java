package dev.modelgate.timetracking;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;

/**
 * What people do with time, each declared once with its permission and team scope; the time API routes
 * and the time page use these.
 */
public final class TimeActions {

  public final Action<Project> log;
  public final Action<Project> readProjectTime;
  public final Action<String> readTeamTime = Action.team("time.read-team", Permission.TIME_REPORT_READ);
  /** An entry's actions are scoped by the team that owns it (the resource is that team). */
  public final Action<String> readEntry;
  public final Action<String> changeEntry;
  public final Action<Void> startTimer = Action.platform("timer.start", Permission.AUTHENTICATED);
  public final Action<Void> stopTimer = Action.platform("timer.stop", Permission.AUTHENTICATED);
  public final Action<Void> currentTimer = Action.platform("timer.current", Permission.AUTHENTICATED);
  /** Reports check each project and team they cover themselves ({@link TimeReports}). */
  public final Action<Void> report = Action.platform("time.report", Permission.AUTHENTICATED);

  public TimeActions(Registry registry, TimeTracking tracking) {
    this.log = Action.owned("time.log", Permission.TIME_LOG, id -> registry.project(id), Project::team);
    this.readProjectTime = log.with("time.read", Permission.TIME_REPORT_READ);
    this.readEntry = Action.owned("time-entry.read", Permission.TIME_REPORT_READ, id -> tracking.teamOfEntry(id),
        team -> team);
    this.changeEntry = readEntry.with("time-entry.change", Permission.TIME_LOG);
  }
}
