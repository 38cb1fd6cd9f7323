package dev.modelgate.timetracking;

import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.timetracking.TimeReport.GroupBy;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parameters of a time report, parsed once for the API and the time page alike, so both refuse the same
 * input with the same field and message and run the same {@link TimeReports#report}.
 */
public record TimeReportQuery(Optional<String> project, Optional<String> team, Optional<LocalDate> from,
    Optional<LocalDate> to, GroupBy groupBy) {

  /**
   * Reads {@code groupBy}, {@code from} and {@code to} through {@code param} (empty for a missing value);
   * the scope is given by the caller, as the API and the page name it differently.
   */
  public static TimeReportQuery parse(Optional<String> project, Optional<String> team,
      Function<String, Optional<String>> param, GroupBy defaultGroupBy) {
    GroupBy groupBy = param.apply("groupBy").map(TimeReportQuery::groupBy).orElse(defaultGroupBy);
    return new TimeReportQuery(project, team, date("from", param.apply("from")), date("to", param.apply("to")),
        groupBy);
  }

  public static GroupBy groupBy(String id) {
    return GroupBy.parse(id).orElseThrow(() ->
        Refusal.invalid("groupBy", "must be one of project, user, activity, week, workflow-step"));
  }

  public static Optional<LocalDate> date(String name, Optional<String> value) {
    return value.map(v -> {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw Refusal.invalid(name, "must be a date such as 2026-01-31");
      }
    });
  }

  /** The report, with the service's own permission rules and range checks. */
  public TimeReport run(TimeReports reports, Principal who) {
    return reports.report(who, project, team, from, to, groupBy);
  }
}
