package dev.modelgate.timetracking.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.SubjectPages;
import dev.modelgate.timetracking.TimeReport;
import dev.modelgate.timetracking.TimeReports;
import java.util.Optional;

/** The time spent by activity on a project's page, for those who may read the team's time reports. */
public final class ProjectTimeSection {

  private ProjectTimeSection() {}

  public static void contribute(SubjectPages subjects, PageKit kit, TimeReports timeReports) {
    subjects.contribute(SubjectType.PROJECT, (vars, v, call, subject, resource) ->
        vars.put("time", kit.allows(v, Permission.TIME_REPORT_READ, subject.team())
            ? timeReports.report(v.principal(), Optional.of(subject.id()), Optional.empty(), Optional.empty(),
                Optional.empty(), TimeReport.GroupBy.ACTIVITY)
            : null));
  }
}
