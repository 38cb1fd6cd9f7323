package dev.modelgate.timetracking;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.store.Ids;
import dev.modelgate.timetracking.TimeEntryRepository.Change;
import dev.modelgate.timetracking.TimeEntryRepository.Stored;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time spent per project: entries, timers, and the time workflow steps record themselves.
 *
 * <p>Two sets of weekly counters are kept, so a report reads only small documents: per activity
 * ({@code time_counters}, cells {@code <activity>|<day>}: groupings by project, activity and week) and
 * per person ({@code time_user_counters}, cells {@code <user>|<role>|<day>}: grouping by user, and
 * cost by role). Both are kept again per team, day by day ({@link #teamScope}) and for whole weeks
 * ({@link #teamWeekScope}, day part {@code 0}); the team's activity cells also name the project
 * ({@code <project>|<activity>|<day>}). A team-wide report then reads one small document per week — the
 * whole-week one, or the day-by-day one for a week the range cuts — instead of one per project and week.
 * A project's person counters are also kept for all time ({@link #allTimeScope}, one document), so the
 * cost to date reads one document however long the project runs. Every entry adds the same amounts to
 * each, so totals agree across groupings.
 *
 * <p>Every change to an entry reaches the weekly counters and list buckets without a transaction: the
 * entry document first records the change it is about to apply ({@link Change}: the contribution to
 * remove and the one to add, under a fresh operation id), a small marker names that operation, then the
 * counters are updated idempotently (each counter remembers the operations it applied) and the change
 * is cleared. If a server dies half-way, {@link #repairPending} finishes the change from the entry
 * document; applying it twice is harmless, so concurrent repairers on several replicas are too.
 */
public final class TimeTracking {

  private static final Logger log = LoggerFactory.getLogger(TimeTracking.class);
  /** Which role's rate an entry is charged at when the person holds several (most senior first). */
  static final List<Role> RATE_ROLE_ORDER = List.of(Role.LEAD, Role.COMPLIANCE, Role.ENGINEER, Role.PRODUCT,
      Role.VIEWER);
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  /** The all-time scopes keep their one document under the week of this date. */
  static final LocalDate ALL_TIME = EARLIEST;
  private static final String ALL_TIME_SCOPES = "all-time-scopes";

  private final TimeEntryRepository entries;
  private final WeeklyCounters counters;
  private final WeeklyCounters userCounters;
  private final TimerRepository timers;
  private final WorkflowStepTimes stepTimes;
  private final Registry registry;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;

  public TimeTracking(TimeEntryRepository entries, WeeklyCounters counters, WeeklyCounters userCounters,
      TimerRepository timers, WorkflowStepTimes stepTimes, Registry registry, AccessPolicy policy, AuditTrail audit,
      Clock clock) {
    this.entries = entries;
    this.audit = audit;
    this.counters = counters;
    this.userCounters = userCounters;
    this.timers = timers;
    this.stepTimes = stepTimes;
    this.registry = registry;
    this.policy = policy;
    this.clock = clock;
  }

  public void ensureIndexes() {
    entries.ensureIndexes();
    counters.ensureIndexes();
    userCounters.ensureIndexes();
    stepTimes.ensureIndexes();
    counters.buildOnce("team-scopes", d -> teamScope(d.getString("team")),
        (project, cell) -> Cells.of(project) + "|" + cell);
    counters.buildOnce("team-week-scopes", d -> teamWeekScope(d.getString("team")),
        (project, cell) -> Cells.of(project) + "|" + WeeklyCounters.wholeWeek(cell));
    userCounters.buildOnce("team-week-scopes", d -> teamWeekScope(d.getString("team")),
        (project, cell) -> WeeklyCounters.wholeWeek(cell));
    userCounters.buildOnce("project-week-scopes", d -> projectWeekScope(d.getString("projectId")),
        (project, cell) -> WeeklyCounters.wholeWeek(cell));
    // A store from before the latest dates were kept: bound them once, with the all-time counters; every
    // entry written since notes its own date.
    if (!userCounters.built(ALL_TIME_SCOPES)) {
      entries.boundLastDates(today().plusDays(1));
    }
    userCounters.buildOnce(ALL_TIME_SCOPES, d -> allTimeScope(d.getString("projectId")), d -> ALL_TIME,
        (project, cell) -> WeeklyCounters.wholeWeek(cell));
  }

  /** The service on a store, with its collections' standard names. */
  public static TimeTracking onStore(dev.modelgate.store.Store store, Registry registry, AccessPolicy policy,
      Clock clock) {
    return onStore(store, registry, policy, AuditTrail.NONE, clock);
  }

  /** The service on a store, recording entry and timer changes in the audit log. */
  public static TimeTracking onStore(dev.modelgate.store.Store store, Registry registry, AccessPolicy policy,
      AuditTrail audit, Clock clock) {
    return new TimeTracking(new TimeEntryRepository(store), new WeeklyCounters(store, "time_counters"),
        new WeeklyCounters(store, "time_user_counters"), new TimerRepository(store), new WorkflowStepTimes(store),
        registry, policy, audit, clock);
  }

  /** Counters by activity: cells {@code <activity>|<day>}. */
  WeeklyCounters counters() {
    return counters;
  }

  /** Counters by person: cells {@code <user>|<role>|<day>}. */
  WeeklyCounters userCounters() {
    return userCounters;
  }

  WorkflowStepTimes stepTimes() {
    return stepTimes;
  }

  TimeEntryRepository entries() {
    return entries;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  // --- entries ---------------------------------------------------------------------------------

  public TimeEntry create(Principal who, Project project, TimeEntryFields req) {
    String role = rateRole(who, project.team(), req.role());
    LocalDate date = checkDate(req.date() == null ? today() : req.date());
    TimeEntry.Link link = checkLink(project, req.link());
    Instant now = Instant.now(clock);
    TimeEntry e = new TimeEntry(Ids.newId(), project.id(), project.team(), who.username(), role, date, req.minutes(),
        req.activity(), req.note(), req.billable() == null || req.billable(), link, now, now, 1);
    Change change = new Change(Ids.newId(), null, e.contribution());
    entries.markPending(change.op(), e.id(), now);
    entries.insert(e, change);
    finish(e.id(), e.version(), change);
    audit.record(new AuditEvent(who.username(), "time-entry.created", e.team(), "time-entry", e.id(),
        entryDetails(e)));
    return e;
  }

  public TimeEntry update(Principal who, String id, TimeEntryFields req) {
    for (int attempt = 0; attempt < 3; attempt++) {
      TimeEntry old = ownEntry(who, id);
      Project project = registry.project(old.projectId());
      String role = req.role() == null ? old.role() : rateRole(who, project.team(), req.role());
      TimeEntry.Link link = req.clearLink() ? null : req.link() == null ? old.link() : checkLink(project, req.link());
      TimeEntry e = new TimeEntry(old.id(), old.projectId(), old.team(), old.user(), role,
          req.date() == null ? old.date() : checkDate(req.date()),
          req.minutes() == null ? old.minutes() : req.minutes(),
          req.activity() == null ? old.activity() : req.activity(),
          req.note() == null ? old.note() : req.note(),
          req.billable() == null ? old.billable() : req.billable(), link, old.createdAt(), Instant.now(clock),
          old.version() + 1);
      Change change = new Change(Ids.newId(), old.contribution(), e.contribution());
      entries.markPending(change.op(), e.id(), e.updatedAt());
      if (entries.update(e, old.version(), change)) {
        finish(e.id(), e.version(), change);
        audit.record(new AuditEvent(who.username(), "time-entry.updated", e.team(), "time-entry", e.id(),
            changes(old, e)));
        return e;
      }
      entries.unmarkPending(change.op());
    }
    throw Refusal.conflict("the entry was changed by another request meanwhile; read it and try again");
  }

  public void delete(Principal who, String id) {
    for (int attempt = 0; attempt < 3; attempt++) {
      TimeEntry old = ownEntry(who, id);
      Change change = new Change(Ids.newId(), old.contribution(), null);
      entries.markPending(change.op(), id, Instant.now(clock));
      if (entries.markDeleted(id, old.version(), change)) {
        finish(id, old.version() + 1, change);
        audit.record(new AuditEvent(who.username(), "time-entry.deleted", old.team(), "time-entry", id,
            entryDetails(old)));
        return;
      }
      entries.unmarkPending(change.op());
    }
    throw Refusal.conflict("the entry was changed by another request meanwhile; try again");
  }

  /** The entry, readable by its author and by whoever may read all entries of its team. */
  public TimeEntry entry(Principal who, String id) {
    TimeEntry e = live(id).orElseThrow(() -> Refusal.notFound("no time entry '" + id + "'"));
    if (!e.user().equals(who.username()) && !policy.allows(who, Permission.TIME_ENTRIES_READ_ALL,
        Optional.of(e.team()))) {
      throw Refusal.notFound("no time entry '" + id + "'");
    }
    return e;
  }

  /** The team of an entry, for route permission checks (404 when it does not exist). */
  public String teamOfEntry(String id) {
    return live(id).map(TimeEntry::team).orElseThrow(() -> Refusal.notFound("no time entry '" + id + "'"));
  }

  private Optional<TimeEntry> live(String id) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    Optional<Stored> s = entries.find(id);
    if (s.isEmpty() || s.get().deleted()) {
      return Optional.empty();
    }
    if (s.get().pending() != null) {
      finish(id, s.get().entry().version(), s.get().pending());
    }
    return Optional.of(s.get().entry());
  }

  private TimeEntry ownEntry(Principal who, String id) {
    TimeEntry e = entry(who, id);
    if (!e.user().equals(who.username())) {
      throw Refusal.forbidden("only " + e.user() + " may change their time entry");
    }
    return e;
  }

  /** Applies a recorded change to counters and buckets (idempotently), then clears it. */
  private void finish(String entryId, long version, Change change) {
    if (change.remove() != null) {
      apply(change.op() + "-", change.remove(), -1);
      entries.index(change.remove(), false);
    }
    if (change.add() != null) {
      // The date span first: a reader that sees the entry in the counters finds its date inside the span.
      entries.noteDate(change.add().projectId(), change.add().date());
      apply(change.op() + "+", change.add(), +1);
      entries.index(change.add(), true);
    }
    if (change.add() == null) {
      entries.remove(entryId);
    } else {
      entries.clearPending(entryId, version);
    }
    entries.unmarkPending(change.op());
  }

  private void apply(String opKey, TimeEntry.Contribution c, int sign) {
    long billable = c.billable() ? sign * c.minutes() : 0;
    counters.apply(c.projectId(), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(activityCell(c), sign * c.minutes(), billable, sign));
    userCounters.apply(c.projectId(), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(userCell(c), sign * c.minutes(), billable, sign));
    userCounters.apply(teamScope(c.team()), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(userCell(c), sign * c.minutes(), billable, sign));
    counters.apply(teamScope(c.team()), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(teamActivityCell(c), sign * c.minutes(), billable, sign));
    userCounters.apply(projectWeekScope(c.projectId()), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(WeeklyCounters.wholeWeek(userCell(c)), sign * c.minutes(), billable, sign));
    userCounters.apply(teamWeekScope(c.team()), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(WeeklyCounters.wholeWeek(userCell(c)), sign * c.minutes(), billable, sign));
    counters.apply(teamWeekScope(c.team()), c.team(), c.date(), opKey,
        new WeeklyCounters.Delta(WeeklyCounters.wholeWeek(teamActivityCell(c)), sign * c.minutes(), billable, sign));
    userCounters.apply(allTimeScope(c.projectId()), c.team(), ALL_TIME, opKey,
        new WeeklyCounters.Delta(WeeklyCounters.wholeWeek(userCell(c)), sign * c.minutes(), billable, sign));
  }

  /** A project's person counters for all time: one document, cells {@code <user>|<role>|0}. */
  static String allTimeScope(String projectId) {
    return "all:" + projectId;
  }

  /** A project's person counters by whole weeks (cost–benefit reads a project's whole life). */
  static String projectWeekScope(String projectId) {
    return "week:" + projectId;
  }

  /** The counter scope of a whole team counted by whole weeks (cells end in {@link WeeklyCounters#WHOLE_WEEK}). */
  static String teamWeekScope(String team) {
    return "team-week:" + team;
  }

  /** The counter scope of a whole team, next to project scopes (project ids never contain ':'). */
  static String teamScope(String team) {
    return "team:" + team;
  }

  static String activityCell(TimeEntry.Contribution c) {
    return Cells.of(c.activity().id(), Integer.toString(c.date().getDayOfWeek().getValue()));
  }

  /** A team's activity cell: the project, then the activity cell. */
  static String teamActivityCell(TimeEntry.Contribution c) {
    return Cells.of(c.projectId(), c.activity().id(), Integer.toString(c.date().getDayOfWeek().getValue()));
  }

  static String userCell(TimeEntry.Contribution c) {
    return Cells.of(c.user(), c.role(), Integer.toString(c.date().getDayOfWeek().getValue()));
  }

  /**
   * Finishes changes whose writer stopped half-way (a crash between the entry write and the counter
   * updates). Safe to run anywhere at any time: every step is idempotent.
   */
  public int repairPending(Duration olderThan) {
    int repaired = 0;
    for (Document marker : entries.pendingBefore(Instant.now(clock).minus(olderThan))) {
      String op = marker.getString("_id");
      Optional<Stored> s = entries.find(marker.getString("entryId"));
      if (s.isPresent() && s.get().pending() != null && s.get().pending().op().equals(op)) {
        finish(s.get().entry().id(), s.get().entry().version(), s.get().pending());
        repaired++;
      } else {
        entries.unmarkPending(op);
      }
    }
    if (repaired > 0) {
      log.info("finished {} interrupted time-entry changes", repaired);
    }
    return repaired;
  }

  /** Entries of the project, newest date first; everyone's for whoever may read all, else the caller's. */
  public EntryPage list(Principal who, Project project, Optional<String> user, Optional<LocalDate> from,
      Optional<LocalDate> to, Optional<String> after, int limit) {
    boolean all = policy.allows(who, Permission.TIME_ENTRIES_READ_ALL, Optional.of(project.team()));
    Optional<String> only = all ? user : Optional.of(who.username());
    if (!all && user.isPresent() && !user.get().equals(who.username())) {
      throw Refusal.forbidden("only a team lead sees other people's entries; reports show aggregates");
    }
    LocalDate requestedEnd = to.orElse(today().plusDays(1));
    LocalDate start = from.orElseGet(() -> entries.firstDate(project.id()).orElse(requestedEnd));
    LocalDate end = requestedEnd;
    if (after.isPresent()) {
      String a = after.get();
      if (a.length() < 12 || a.charAt(10) != '_') {
        throw Refusal.invalid("after", "must be the 'next' value of a previous page");
      }
      try {
        LocalDate d = LocalDate.parse(a.substring(0, 10));
        end = d.isBefore(end) ? d : end;
      } catch (RuntimeException e) {
        throw Refusal.invalid("after", "must be the 'next' value of a previous page");
      }
    }
    List<String> keys = new ArrayList<>();
    LocalDate monday = Weeks.monday(end);
    LocalDate lastMonday = Weeks.monday(start);
    String startKey = start.toString();
    String endKey = end + "~";
    // Read week buckets newest first, a few weeks at a time, growing: dense projects fill a page from
    // the first weeks, sparse ones need few round trips.
    int chunk = 2;
    while (!monday.isBefore(lastMonday) && keys.size() <= limit) {
      List<String> buckets = new ArrayList<>();
      for (int i = 0; i < chunk && !monday.isBefore(lastMonday); i++, monday = monday.minusWeeks(1)) {
        buckets.add(only.isPresent()
            ? TimeEntryRepository.userBucket(project.id(), only.get(), monday)
            : TimeEntryRepository.projectBucket(project.id(), monday));
      }
      for (String k : entries.bucketKeys(buckets)) {
        if (k.compareTo(startKey) >= 0 && k.compareTo(endKey) <= 0 && (after.isEmpty() || k.compareTo(after.get()) < 0)) {
          keys.add(k);
        }
      }
      chunk = Math.min(26, chunk * 2);
    }
    keys.sort(Comparator.reverseOrder());
    List<String> pageKeys = keys.subList(0, Math.min(keys.size(), limit + 1));
    Map<String, TimeEntry> byId = new HashMap<>();
    entries.findAll(pageKeys.stream().map(k -> k.substring(11)).toList()).forEach(e -> byId.put(e.id(), e));
    List<TimeEntry> items = new ArrayList<>();
    String next = null;
    for (int i = 0; i < pageKeys.size(); i++) {
      if (i == limit) {
        next = pageKeys.get(i - 1);
        break;
      }
      TimeEntry e = byId.get(pageKeys.get(i).substring(11));
      if (e != null) {
        items.add(e);
      }
    }
    return new EntryPage(items, next);
  }

  /** A page of entries and the cursor of the next one. */
  public record EntryPage(List<TimeEntry> items, String next) {}

  // --- timers ----------------------------------------------------------------------------------

  public Timer startTimer(Principal who, Project project, TimeEntryFields req) {
    policy.require(who, Permission.TIME_LOG, Optional.of(project.team()),
        () -> Registry.projectNotFound(project.id()));
    Timer t = new Timer(Ids.newId(), who.username(), project.id(), project.team(), req.activity(), req.note(),
        req.billable() == null || req.billable(), checkLink(project, req.link()),
        rateRole(who, project.team(), req.role()), Instant.now(clock));
    if (!timers.insert(t)) {
      throw Refusal.conflict("you already have a running timer; stop it first (POST /api/v1/timers/stop)");
    }
    audit.record(new AuditEvent(who.username(), "timer.started", t.team(), "timer", t.id(),
        Map.of("project", t.projectId(), "activity", t.activity().id(), "startedAt", t.startedAt().toString())));
    return t;
  }

  public Optional<Timer> currentTimer(Principal who) {
    return timers.find(who.username());
  }

  /**
   * Stops the caller's timer and turns it into an entry whose id is the timer's id, so two concurrent
   * stops (or a retry after a crash) produce one entry. The entry is written only while the caller may still
   * log time in the timer's team: a timer of someone since removed from the team (or left without the role) is
   * dropped with the refusal a time entry there would get (404 for an outsider), so it neither writes into the
   * team nor stays running.
   */
  public TimeEntry stopTimer(Principal who) {
    Timer t = timers.find(who.username())
        .orElseThrow(() -> Refusal.notFound("you have no running timer"));
    if (!policy.allows(who, Permission.TIME_LOG, Optional.of(t.team()))) {
      timers.delete(t);
      policy.require(who, Permission.TIME_LOG, Optional.of(t.team()), () -> Registry.projectNotFound(t.projectId()));
    }
    Instant now = Instant.now(clock);
    long minutes = Math.max(1, Math.round(Duration.between(t.startedAt(), now).toSeconds() / 60.0));
    minutes = Math.min(minutes, DurationSyntax.MAX_MINUTES);
    TimeEntry e = new TimeEntry(t.id(), t.projectId(), t.team(), t.user(), t.role(),
        LocalDate.ofInstant(t.startedAt(), ZoneOffset.UTC), minutes, t.activity(), t.note(), t.billable(), t.link(),
        now, now, 1);
    Optional<Stored> existing = entries.find(e.id());
    if (existing.isEmpty()) {
      Change change = new Change(Ids.newId(), null, e.contribution());
      entries.markPending(change.op(), e.id(), now);
      try {
        entries.insert(e, change);
        finish(e.id(), e.version(), change);
        // Only the stop that created the entry records it: a concurrent or retried stop adds nothing.
        Map<String, Object> details = new LinkedHashMap<>(entryDetails(e));
        details.put("startedAt", t.startedAt().toString());
        audit.record(new AuditEvent(who.username(), "timer.stopped", e.team(), "time-entry", e.id(), details));
      } catch (RuntimeException ex) {
        entries.unmarkPending(change.op());
        if (!dev.modelgate.store.Duplicates.isDuplicateKey(ex)) {
          throw ex;
        }
        e = entries.find(e.id()).map(Stored::entry).orElse(e);
      }
    } else {
      e = existing.get().entry();
    }
    timers.delete(t);
    return e;
  }

  /** What an audit entry says about a time entry (the note's text stays out: only whether there is one). */
  private static Map<String, Object> entryDetails(TimeEntry e) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("project", e.projectId());
    d.put("user", e.user());
    if (e.role() != null) {
      d.put("role", e.role());
    }
    if (e.link() != null) {
      d.put("link", e.link().type() + ":" + e.link().id());
    }
    d.put("date", e.date().toString());
    d.put("minutes", e.minutes());
    d.put("activity", e.activity().id());
    d.put("billable", e.billable());
    d.put("version", e.version());
    return d;
  }

  /** Each changed field as {@code {from, to}}, and the new version. */
  private static Map<String, Object> changes(TimeEntry old, TimeEntry now) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("project", now.projectId());
    d.put("user", now.user());
    changed(d, "role", String.valueOf(old.role()), String.valueOf(now.role()));
    changed(d, "date", old.date().toString(), now.date().toString());
    changed(d, "minutes", old.minutes(), now.minutes());
    changed(d, "activity", old.activity().id(), now.activity().id());
    changed(d, "billable", old.billable(), now.billable());
    if (!java.util.Objects.equals(old.note(), now.note())) {
      d.put("noteChanged", true);
    }
    changed(d, "link", old.link() == null ? "none" : old.link().type() + ":" + old.link().id(),
        now.link() == null ? "none" : now.link().type() + ":" + now.link().id());
    d.put("version", now.version());
    return d;
  }

  private static void changed(Map<String, Object> d, String field, Object from, Object to) {
    if (!java.util.Objects.equals(from, to)) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("from", from);
      c.put("to", to);
      d.put(field, c);
    }
  }

  // --- workflow steps --------------------------------------------------------------------------

  /**
   * For the workflow feature: records how long a workflow step took (for human steps: how long it
   * waited for the person with {@code role}; automated steps pass a null role). Not idempotent: a caller
   * that may retry should use the overload with a key.
   */
  public void recordWorkflowStepTime(String projectId, String workflowId, String step, String role,
      Duration duration) {
    recordWorkflowStepTime(projectId, workflowId, step, role, duration, workflowId + ":" + step + ":" + Ids.newId());
  }

  /** As above; calls with the same {@code idempotencyKey} (e.g. the job or element-instance key) count once. */
  public void recordWorkflowStepTime(String projectId, String workflowId, String step, String role,
      Duration duration, String idempotencyKey) {
    Project project = registry.project(projectId);
    if (step == null || step.isBlank() || duration.isNegative()) {
      throw new IllegalArgumentException("a step name and a non-negative duration are required");
    }
    stepTimes.record(idempotencyKey, project.id(), project.team(), workflowId, step, role, duration.toSeconds(),
        today(), Instant.now(clock));
  }

  // --- bulk loading ----------------------------------------------------------------------------

  /**
   * Loads entries that are known to be new (benchmarks, imports): inserted in one batch, counters and
   * buckets summed in memory first. Not for concurrent use with ordinary writes to the same projects.
   */
  public void bulkLoad(List<TimeEntry> batch) {
    Map<String, Map<String, long[]>> cellsByWeek = new HashMap<>();
    Map<String, Map<String, long[]>> userCellsByWeek = new HashMap<>();
    Map<String, String[]> weekInfo = new HashMap<>();
    Map<String, List<String>> buckets = new HashMap<>();
    Map<String, LocalDate> firstDates = new HashMap<>();
    Map<String, LocalDate> lastDates = new HashMap<>();
    Map<String, Map<String, long[]>> allTimeCells = new HashMap<>();
    Map<String, String> teams = new HashMap<>();
    for (TimeEntry e : batch) {
      TimeEntry.Contribution c = e.contribution();
      LocalDate monday = Weeks.monday(e.date());
      String wk = e.projectId() + "|" + monday;
      weekInfo.putIfAbsent(wk, new String[] {e.projectId(), e.team(), monday.toString()});
      add(cellsByWeek.computeIfAbsent(wk, k -> new HashMap<>()), activityCell(c), amounts(e));
      add(userCellsByWeek.computeIfAbsent(wk, k -> new HashMap<>()), userCell(c), amounts(e));
      String sk = TimeEntryRepository.sortKey(e.date(), e.id());
      buckets.computeIfAbsent(TimeEntryRepository.projectBucket(e.projectId(), e.date()), k -> new ArrayList<>()).add(sk);
      buckets.computeIfAbsent(TimeEntryRepository.userBucket(e.projectId(), e.user(), e.date()), k -> new ArrayList<>())
          .add(sk);
      firstDates.merge(e.projectId(), e.date(), (a, b) -> a.isBefore(b) ? a : b);
      lastDates.merge(e.projectId(), e.date(), (a, b) -> a.isAfter(b) ? a : b);
      add(allTimeCells.computeIfAbsent(e.projectId(), k -> new HashMap<>()), WeeklyCounters.wholeWeek(userCell(c)),
          amounts(e));
      teams.put(e.projectId(), e.team());
    }
    firstDates.forEach(entries::noteDate);
    lastDates.forEach(entries::noteDate);
    entries.insertBulk(batch, buckets);
    cellsByWeek.forEach((wk, cells) -> {
      String[] info = weekInfo.get(wk);
      counters.addBulk(info[0], info[1], LocalDate.parse(info[2]), cells);
      userCounters.addBulk(info[0], info[1], LocalDate.parse(info[2]), userCellsByWeek.get(wk));
      userCounters.addBulk(projectWeekScope(info[0]), info[1], LocalDate.parse(info[2]),
          wholeWeeks(userCellsByWeek.get(wk)));
    });
    Map<String, Map<String, long[]>> teamActivityCells = new HashMap<>();
    for (TimeEntry e : batch) {
      add(teamActivityCells.computeIfAbsent(e.team() + "|" + Weeks.monday(e.date()), k -> new HashMap<>()),
          teamActivityCell(e.contribution()), amounts(e));
    }
    teamActivityCells.forEach((key, cells) -> {
      String[] parts = key.split("\\|");
      counters.addBulk(teamScope(parts[0]), parts[0], LocalDate.parse(parts[1]), cells);
      counters.addBulk(teamWeekScope(parts[0]), parts[0], LocalDate.parse(parts[1]), wholeWeeks(cells));
    });
    Map<String, Map<String, long[]>> teamCells = new HashMap<>();
    userCellsByWeek.forEach((wk, cells) -> {
      String[] info = weekInfo.get(wk);
      Map<String, long[]> sum = teamCells.computeIfAbsent(info[1] + "|" + info[2], k -> new HashMap<>());
      cells.forEach((cell, v) -> add(sum, cell, v));
    });
    teamCells.forEach((key, cells) -> {
      String[] parts = key.split("\\|");
      userCounters.addBulk(teamScope(parts[0]), parts[0], LocalDate.parse(parts[1]), cells);
      userCounters.addBulk(teamWeekScope(parts[0]), parts[0], LocalDate.parse(parts[1]), wholeWeeks(cells));
    });
    allTimeCells.forEach((project, cells) ->
        userCounters.addBulk(allTimeScope(project), teams.get(project), Weeks.monday(ALL_TIME), cells));
  }

  /** An entry's amounts as a cell holds them: minutes, billable minutes, count. */
  private static long[] amounts(TimeEntry e) {
    return new long[] {e.minutes(), e.billable() ? e.minutes() : 0, 1};
  }

  /** Adds {@code v} (minutes, billable minutes, count) to {@code cell} of {@code cells}. */
  private static void add(Map<String, long[]> cells, String cell, long[] v) {
    long[] t = cells.computeIfAbsent(cell, k -> new long[3]);
    t[0] += v[0];
    t[1] += v[1];
    t[2] += v[2];
  }

  /** Day cells summed into whole-week cells. */
  private static Map<String, long[]> wholeWeeks(Map<String, long[]> cells) {
    Map<String, long[]> out = new HashMap<>();
    cells.forEach((cell, v) -> add(out, WeeklyCounters.wholeWeek(cell), v));
    return out;
  }

  // --- rules -----------------------------------------------------------------------------------

  /** The role an entry is charged at: the one asked for (if held), else the most senior role held. */
  static String rateRole(Principal who, String team, Role asked) {
    if (asked != null) {
      if (!who.hasRole(team, asked)) {
        throw Refusal.unacceptable("role", "you do not hold the role " + asked.id() + " in team " + team);
      }
      return asked.id();
    }
    return RATE_ROLE_ORDER.stream().filter(r -> who.hasRole(team, r)).findFirst().map(Role::id).orElse("none");
  }

  private LocalDate checkDate(LocalDate date) {
    if (date.isAfter(today().plusDays(1))) {
      throw Refusal.unacceptable("date", "must not be in the future");
    }
    if (date.isBefore(EARLIEST)) {
      throw Refusal.unacceptable("date", "must be on or after " + EARLIEST);
    }
    return date;
  }

  private TimeEntry.Link checkLink(Project project, TimeEntry.Link link) {
    if (link != null && link.type().equals(TimeEntry.Link.MODEL_VERSION)) {
      Optional<ModelVersion> v = Ids.isValid(link.id()) ? Optional.of(link.id()).map(id -> {
        try {
          return registry.version(id);
        } catch (Refusal e) {
          return null;
        }
      }) : Optional.empty();
      if (v.isEmpty() || !v.get().projectId().equals(project.id())) {
        throw Refusal.unacceptable("link.id", "no model version '" + link.id() + "' in this project");
      }
    }
    return link;
  }
}
