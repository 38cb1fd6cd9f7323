package dev.modelgate.timetracking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** JSON and CSV of time entries, timers and reports. */
public final class TimeJson {

  private TimeJson() {}

  public static JsonObject entry(TimeEntry e) {
    return new JsonObject().put("id", e.id()).put("projectId", e.projectId()).put("team", e.team())
        .put("user", e.user()).put("role", e.role()).put("date", e.date().toString()).put("minutes", e.minutes())
        .put("hours", hours(e.minutes())).put("duration", DurationSyntax.format(e.minutes()))
        .put("activity", e.activity().id()).put("note", e.note()).put("billable", e.billable())
        .put("link", e.link() == null ? null : new JsonObject().put("type", e.link().type()).put("id", e.link().id()))
        .put("createdAt", e.createdAt().toString()).put("updatedAt", e.updatedAt().toString())
        .put("version", e.version());
  }

  public static JsonObject timer(Timer t) {
    return new JsonObject().put("user", t.user()).put("projectId", t.projectId()).put("team", t.team())
        .put("activity", t.activity().id()).put("note", t.note()).put("billable", t.billable())
        .put("link", t.link() == null ? null : new JsonObject().put("type", t.link().type()).put("id", t.link().id()))
        .put("role", t.role()).put("startedAt", t.startedAt().toString());
  }

  public static double hours(long minutes) {
    return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).doubleValue();
  }

  static double hoursFromSeconds(long seconds) {
    return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP).doubleValue();
  }

  public static JsonObject report(TimeReport r) {
    JsonArray rows = new JsonArray();
    r.rows().forEach(row -> rows.add(row(r, row)));
    return new JsonObject().put("scope", r.scope()).put("scopeId", r.scopeId()).put("from", r.from().toString())
        .put("to", r.to().toString()).put("groupBy", r.groupBy().id()).put("rows", rows)
        .put("total", row(r, r.total()));
  }

  private static JsonObject row(TimeReport r, TimeReport.Row row) {
    JsonObject o = new JsonObject().put("key", row.key()).put("label", row.label());
    if (r.groupBy() == TimeReport.GroupBy.WORKFLOW_STEP) {
      return o.put("seconds", row.seconds()).put("hours", hoursFromSeconds(row.seconds())).put("count", row.count());
    }
    return o.put("minutes", row.minutes()).put("hours", hours(row.minutes()))
        .put("billableMinutes", row.billableMinutes()).put("billableHours", hours(row.billableMinutes()))
        .put("entries", row.count());
  }

  /** The report as CSV (RFC 4180): a header, one line per row, and a total line. */
  public static String csv(TimeReport r) {
    StringBuilder b = new StringBuilder();
    boolean steps = r.groupBy() == TimeReport.GroupBy.WORKFLOW_STEP;
    b.append(steps ? "step,label,hours,seconds,count\r\n"
        : r.groupBy().id() + ",label,hours,minutes,billable_hours,billable_minutes,entries\r\n");
    for (TimeReport.Row row : r.rows()) {
      line(b, row, steps);
    }
    line(b, r.total(), steps);
    return b.toString();
  }

  private static void line(StringBuilder b, TimeReport.Row row, boolean steps) {
    b.append(cell(row.key())).append(',').append(cell(row.label())).append(',');
    if (steps) {
      b.append(hoursFromSeconds(row.seconds())).append(',').append(row.seconds()).append(',').append(row.count());
    } else {
      b.append(hours(row.minutes())).append(',').append(row.minutes()).append(',')
          .append(hours(row.billableMinutes())).append(',').append(row.billableMinutes()).append(',')
          .append(row.count());
    }
    b.append("\r\n");
  }

  /** Quotes a CSV field when needed, and defuses spreadsheet formulas (a leading =, +, - or @). */
  static String cell(String v) {
    if (v == null) {
      return "";
    }
    String s = v;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
