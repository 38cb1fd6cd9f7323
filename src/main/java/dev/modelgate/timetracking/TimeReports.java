package dev.modelgate.timetracking;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.TimeReport.GroupBy;
import dev.modelgate.timetracking.TimeReport.Row;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Reports from the weekly counters: the documents of the projects in scope and the weeks in range are
 * read by unique key, and their cells are summed into the requested grouping: the activity counters for
 * groupings by project, activity and week, the person counters for grouping by user. Every entry adds
 * the same amounts to both, so totals agree across groupings. People without the right to
 * read others' entries see their own row and everyone else's time as one {@code (others)} row.
 */
public final class TimeReports {

  static final long MAX_DAYS = 3 * 366;
  public static final String OTHERS = "(others)";

  private final TimeTracking tracking;
  private final Registry registry;
  private final AccessPolicy policy;

  public TimeReports(TimeTracking tracking, Registry registry, AccessPolicy policy) {
    this.tracking = tracking;
    this.registry = registry;
    this.policy = policy;
  }

  /** A report over the project or over every project of the team. */
  public TimeReport report(Principal who, Optional<String> projectId, Optional<String> teamSlug,
      Optional<LocalDate> from, Optional<LocalDate> to, GroupBy groupBy) {
    if (projectId.isPresent() == teamSlug.isPresent()) {
      throw Refusal.invalid("project", "give exactly one of 'project' or 'team'");
    }
    List<Project> projects;
    String team;
    if (projectId.isPresent()) {
      Project p = registry.project(projectId.get());
      team = p.team();
      policy.require(who, Permission.TIME_REPORT_READ, Optional.of(team),
          () -> Registry.projectNotFound(projectId.get()));
      projects = List.of(p);
    } else {
      team = teamSlug.get();
      policy.require(who, Permission.TIME_REPORT_READ, Optional.of(team));
      projects = projectsOf(team);
    }
    LocalDate end = to.orElse(tracking.today());
    LocalDate start = from.orElseGet(() -> projects.stream()
        .map(p -> tracking.entries().firstDate(p.id()).orElse(end))
        .min(Comparator.naturalOrder()).orElse(end));
    if (start.isAfter(end)) {
      throw Refusal.invalid("from", "must not be after 'to'");
    }
    if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
      throw Refusal.invalid("from", "a report spans at most three years; narrow 'from' and 'to'");
    }
    boolean seesEveryone = policy.allows(who, Permission.TIME_ENTRIES_READ_ALL, Optional.of(team));
    Map<String, String> names = new HashMap<>();
    projects.forEach(p -> names.put(p.id(), p.name()));
    List<LocalDate> mondays = new ArrayList<>();
    for (LocalDate m = Weeks.monday(start); !m.isAfter(end); m = m.plusWeeks(1)) {
      mondays.add(m);
    }
    List<String> ids = projects.stream().map(Project::id).toList();
    Map<String, long[]> sums = new LinkedHashMap<>();
    Map<String, String> labels = new HashMap<>();
    if (groupBy == GroupBy.WORKFLOW_STEP) {
      for (Document d : tracking.stepTimes().counters().find(ids, mondays)) {
        forEachCell(d, start, end, (parts, m, b, n) -> add(sums, parts[0], 0, 0, n, m));
      }
    } else {
      WeeklyCounters counters = groupBy == GroupBy.USER ? tracking.userCounters() : tracking.counters();
      // A team-wide report reads the team's own counters: one document per week, whatever the number of
      // projects — by whole weeks, and day by day only for the weeks the range cuts. There, activity cells
      // start with the project: <project>|<activity>|<day>.
      boolean teamWide = teamSlug.isPresent();
      boolean projectInCell = teamWide && groupBy != GroupBy.USER;
      List<Document> docs = teamWide
          ? byWeeks(counters, TimeTracking.teamWeekScope(team), TimeTracking.teamScope(team), start, end)
          : counters.find(ids, mondays);
      for (Document d : docs) {
        String projectOfDoc = d.getString("projectId");
        String week = d.getString("week");
        forEachCell(d, start, end, (parts, m, b, n) -> {
          String project = projectInCell ? parts[0] : projectOfDoc;
          String key = switch (groupBy) {
            case PROJECT -> project;
            case USER -> seesEveryone || parts[0].equals(who.username()) ? parts[0] : OTHERS;
            case ACTIVITY -> projectInCell ? parts[1] : parts[0];
            case WEEK -> week;
            case WORKFLOW_STEP -> throw new IllegalStateException();
          };
          add(sums, key, m, b, n, 0);
          if (groupBy == GroupBy.PROJECT) {
            labels.put(key, names.getOrDefault(project, project));
          }
        });
      }
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((k, v) -> rows.add(new Row(k, labels.getOrDefault(k, k), v[0], v[1], v[2], v[3])));
    rows.sort(order(groupBy));
    long[] t = new long[4];
    rows.forEach(r -> {
      t[0] += r.minutes();
      t[1] += r.billableMinutes();
      t[2] += r.count();
      t[3] += r.seconds();
    });
    return new TimeReport(projectId.isPresent() ? "project" : "team", projectId.orElse(team), start, end, groupBy,
        rows, new Row("total", "Total", t[0], t[1], t[2], t[3]));
  }

  private static Comparator<Row> order(GroupBy groupBy) {
    if (groupBy == GroupBy.ACTIVITY) {
      return Comparator.comparing(r -> Activity.parse(r.key()).map(Enum::ordinal).orElse(99));
    }
    if (groupBy == GroupBy.PROJECT) {
      return Comparator.comparing((Row r) -> r.label() == null ? "" : r.label()).thenComparing(Row::key);
    }
    return Comparator.comparing(Row::key);
  }

  private static void add(Map<String, long[]> sums, String key, long m, long b, long n, long seconds) {
    long[] v = sums.computeIfAbsent(key, k -> new long[4]);
    v[0] += m;
    v[1] += b;
    v[2] += n;
    v[3] += seconds;
  }

  @FunctionalInterface
  interface CellVisitor {
    void visit(String[] parts, long minutes, long billable, long count);
  }

  /** Visits the cells of a counter document whose day lies in [start, end]; the day is the last part. */
  static void forEachCell(Document d, LocalDate start, LocalDate end, CellVisitor visitor) {
    LocalDate monday = LocalDate.parse(d.getString("weekStart"));
    Document m = d.get("m", Document.class);
    Document b = d.get("b", Document.class);
    Document n = d.get("n", Document.class);
    if (m == null) {
      return;
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String[] parts = Cells.parse(e.getKey());
      String dayPart = parts[parts.length - 1];
      // A whole-week cell is read only for weeks inside the range.
      if (!dayPart.equals(WeeklyCounters.WHOLE_WEEK)) {
        LocalDate day = monday.plusDays(Integer.parseInt(dayPart) - 1);
        if (day.isBefore(start) || day.isAfter(end)) {
          continue;
        }
      }
      long minutes = ((Number) e.getValue()).longValue();
      long billable = b == null || b.get(e.getKey()) == null ? 0 : ((Number) b.get(e.getKey())).longValue();
      long count = n == null || n.get(e.getKey()) == null ? 0 : ((Number) n.get(e.getKey())).longValue();
      if (minutes != 0 || count != 0) {
        visitor.visit(parts, minutes, billable, count);
      }
    }
  }

  /**
   * The counter documents of [start, end]: the whole-week document of {@code wholeScope} for each week inside
   * the range, the day-by-day one of {@code dayScope} for the (at most two) weeks the range cuts.
   */
  private static List<Document> byWeeks(WeeklyCounters counters, String wholeScope, String dayScope, LocalDate start,
      LocalDate end) {
    List<LocalDate> all = mondays(start, end);
    List<LocalDate> cut = all.stream().filter(m -> m.isBefore(start) || m.plusDays(6).isAfter(end)).toList();
    List<LocalDate> whole = all.stream().filter(m -> !cut.contains(m)).toList();
    List<Document> docs = new ArrayList<>(counters.find(List.of(wholeScope), whole));
    docs.addAll(counters.find(List.of(dayScope), cut));
    return docs;
  }

  /**
   * Minutes per (user, role) on the project in [start, end], for cost–benefit. A range that starts before
   * the project's first entry is read from the all-time counters (one document), less the part after
   * {@code end} when that part is the shorter one; other ranges are read by weeks.
   */
  public Map<String, Map<String, Long>> minutesByUserAndRole(Project project, LocalDate start, LocalDate end) {
    Optional<TimeEntryRepository.DateBounds> bounds = tracking.entries().dateBounds(project.id());
    if (bounds.isPresent() && !start.isAfter(bounds.get().first())) {
      LocalDate last = bounds.get().last();
      if (!end.isBefore(last)) {
        return allTimeMinutes(project);
      }
      if (ChronoUnit.DAYS.between(end, last) < ChronoUnit.DAYS.between(start, end)) {
        Map<String, Map<String, Long>> out = allTimeMinutes(project);
        minutesByWeeks(project, end.plusDays(1), last).forEach((user, byRole) -> byRole.forEach((role, m) -> {
          Map<String, Long> roles = out.get(user);
          if (roles != null && roles.merge(role, -m, Long::sum) == 0) {
            roles.remove(role);
          }
        }));
        out.values().removeIf(Map::isEmpty);
        return out;
      }
    }
    return minutesByWeeks(project, start, end);
  }

  private Map<String, Map<String, Long>> allTimeMinutes(Project project) {
    return minutes(tracking.userCounters().find(List.of(TimeTracking.allTimeScope(project.id())),
        List.of(Weeks.monday(TimeTracking.ALL_TIME))), LocalDate.MIN, LocalDate.MAX);
  }

  private Map<String, Map<String, Long>> minutesByWeeks(Project project, LocalDate start, LocalDate end) {
    return minutes(byWeeks(tracking.userCounters(), TimeTracking.projectWeekScope(project.id()), project.id(),
        start, end), start, end);
  }

  private static Map<String, Map<String, Long>> minutes(List<Document> personCounters, LocalDate start,
      LocalDate end) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (Document d : personCounters) {
      forEachCell(d, start, end, (parts, m, b, n) ->
          out.computeIfAbsent(parts[0], k -> new HashMap<>()).merge(parts[1], m, Long::sum));
    }
    return out;
  }

  /** Seconds per (step, role) of the project's workflow steps in [start, end]. */
  public Map<String, Map<String, Long>> stepSecondsByStepAndRole(Project project, LocalDate start, LocalDate end) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (Document d : tracking.stepTimes().counters().find(List.of(project.id()), mondays(start, end))) {
      forEachCell(d, start, end, (parts, m, b, n) ->
          out.computeIfAbsent(parts[0], k -> new HashMap<>()).merge(parts[1], m, Long::sum));
    }
    return out;
  }

  public Optional<LocalDate> firstDate(Project project) {
    return tracking.entries().firstDate(project.id());
  }

  static List<LocalDate> mondays(LocalDate start, LocalDate end) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate m = Weeks.monday(start); !m.isAfter(end); m = m.plusWeeks(1)) {
      out.add(m);
    }
    return out;
  }

  private List<Project> projectsOf(String team) {
    List<Project> out = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      Page<Project> page = registry.projects(team, new PageRequest(PageRequest.MAX_LIMIT, after));
      out.addAll(page.items());
      if (page.next() == null) {
        return out;
      }
      after = Optional.of(page.next());
    }
  }
}
