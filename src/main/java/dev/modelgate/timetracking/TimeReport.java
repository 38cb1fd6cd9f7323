package dev.modelgate.timetracking;

import java.time.LocalDate;
import java.util.List;

/**
 * A time report: rows of one grouping and their total, over a date range. For groupings of entries the
 * amounts are minutes of logged time; for {@code workflow-step} they are the seconds workflow steps took.
 */
public record TimeReport(String scope, String scopeId, LocalDate from, LocalDate to, GroupBy groupBy,
    List<Row> rows, Row total) {

  /** One group: its key (project id, user, activity, ISO week or step), a label, and the sums. */
  public record Row(String key, String label, long minutes, long billableMinutes, long count, long seconds) {}

  /** How rows are grouped. */
  public enum GroupBy {
    PROJECT, USER, ACTIVITY, WEEK, WORKFLOW_STEP;

    public String id() {
      return name().toLowerCase().replace('_', '-');
    }

    public static java.util.Optional<GroupBy> parse(String id) {
      return java.util.Arrays.stream(values()).filter(g -> g.id().equals(id)).findFirst();
    }
  }
}
