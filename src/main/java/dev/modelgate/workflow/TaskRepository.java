package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.IdList;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The inbox: one document per human task. The job key is unique, so a job activated again (after a
 * timeout or a restart) never makes a second task; a decision is one conditional update on an open task.
 * No read scans the collection:
 * <ul>
 *   <li>the open tasks of each team role are listed in one small document per role ({@code task_inbox},
 *       keyed by {@code team|role}), so "my open tasks" and the keep-alive sweep are lookups by key;</li>
 *   <li>decided and canceled tasks are bucketed id lists ({@link IdList}) per team role and status, and
 *       per assignee and status, in the order they were closed; the closing update records the positions
 *       under {@code listPos};</li>
 *   <li>a workflow's task ids are in one small document per workflow ({@code task_by_workflow});</li>
 *   <li>decided tasks whose follow-up (approval record, job completion) may be unfinished are in one small
 *       document ({@code task_pending}), which the start-up resumes from.</li>
 * </ul>
 * Conditional updates use plain filters whose keys are exactly a unique index's keys (the embedded store
 * scans for anything else).
 */
public final class TaskRepository {

  public static final int LIST_PAGE_SIZE = 200;
  static final String POS_CLOSED = "listPos.closed";
  static final String POS_ASSIGNEE = "listPos.assignee";
  private static final String PENDING = "completion";

  private final MongoCollection<Document> tasks;
  private final MongoCollection<Document> inbox;
  private final MongoCollection<Document> byWorkflow;
  private final MongoCollection<Document> pending;
  private final IdList lists;

  public TaskRepository(Store store) {
    this(store, LIST_PAGE_SIZE);
  }

  /** With a chosen page size of the bucketed lists (tests use small pages to cross page boundaries). */
  public TaskRepository(Store store, int listPageSize) {
    this.tasks = store.collection("tasks");
    this.inbox = store.collection("task_inbox");
    this.byWorkflow = store.collection("task_by_workflow");
    this.pending = store.collection("task_pending");
    this.lists = new IdList(store.collection("task_list_pages"), store.collection("task_list_counters"),
        listPageSize);
  }

  static String inboxKey(String team, String role) {
    return team + "|" + role;
  }

  /** The list of a team role's tasks closed with {@code status} (decided or canceled). */
  static String closedList(String team, String role, Task.Status status) {
    return team + "|" + role + "|" + status.id();
  }

  /** The list of the tasks {@code user} had claimed when they were closed with {@code status}. */
  static String assigneeList(String user, Task.Status status) {
    return "assignee:" + user + "|" + status.id();
  }

  /** The bucketed lists, for bulk loading (benchmarks). */
  public IdList lists() {
    return lists;
  }

  /** The open tasks of the given team roles ({@link #inboxKey} values), in id order. */
  public List<Task> openFor(Collection<String> inboxKeys) {
    List<String> ids = new ArrayList<>();
    inbox.find(in("_id", inboxKeys)).forEach(d -> ids.addAll(d.getList("open", String.class, List.of())));
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Task> out = new ArrayList<>();
    tasks.find(in("_id", ids)).forEach(d -> {
      Task t = fromDocument(d);
      if (t.status() == Task.Status.OPEN) {
        out.add(t);
      } else {
        leaveInbox(t); // an entry a crash left behind
      }
    });
    out.sort(Comparator.comparing(Task::id));
    return out;
  }

  private void leaveInbox(Task t) {
    inbox.updateOne(eq("_id", inboxKey(t.team(), t.role())), Updates.pull("open", t.id()));
  }

  public void ensureIndexes() {
    lists.ensureIndexes();
    tasks.createIndex(Indexes.ascending("jobKey"), new IndexOptions().unique(true).name("job_key"));
    // For the embedded store: the conditional updates' filters are exactly these keys, so they are lookups.
    tasks.createIndex(Indexes.ascending("_id", "status", "assignee"),
        new IndexOptions().unique(true).name("id_status_assignee"));
    // For real MongoDB (the lists above serve the embedded store): the inbox of a team's role, a workflow's tasks.
    tasks.createIndex(Indexes.ascending("team", "role", "status"), new IndexOptions().name("team_role_status"));
    tasks.createIndex(Indexes.ascending("workflowId"), new IndexOptions().name("workflow"));
  }

  /**
   * False when a task for this job already exists. Listed in its workflow's and its role's small
   * documents first, so it is never lost; an id listed there whose task never got written is skipped.
   */
  public boolean insert(Task t) {
    byWorkflow.updateOne(eq("_id", t.workflowId()), Updates.addToSet("ids", t.id()), new UpdateOptions().upsert(true));
    inbox.updateOne(eq("_id", inboxKey(t.team(), t.role())), Updates.addToSet("open", t.id()),
        new UpdateOptions().upsert(true));
    try {
      tasks.insertOne(toDocument(t));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        leaveInbox(t);
        byWorkflow.updateOne(eq("_id", t.workflowId()), Updates.pull("ids", t.id()));
        return false;
      }
      throw e;
    }
  }

  /** Lists a task stored before the lists existed ({@link ListBackfill}; nothing else writes meanwhile). */
  void backfill(Document d) {
    Task t = fromDocument(d);
    byWorkflow.updateOne(eq("_id", t.workflowId()), Updates.addToSet("ids", t.id()), new UpdateOptions().upsert(true));
    if (t.status() == Task.Status.OPEN) {
      inbox.updateOne(eq("_id", inboxKey(t.team(), t.role())), Updates.addToSet("open", t.id()),
          new UpdateOptions().upsert(true));
      return;
    }
    Document pos = new Document("closed", lists.append(closedList(t.team(), t.role(), t.status()), t.id()));
    if (t.assignee() != null) {
      pos.append("assignee", lists.append(assigneeList(t.assignee(), t.status()), t.id()));
    }
    if (t.status() == Task.Status.DECIDED && !t.jobCompleted()) {
      pending.updateOne(eq("_id", PENDING), Updates.addToSet("ids", t.id()), new UpdateOptions().upsert(true));
    }
    tasks.updateOne(eq("_id", t.id()), Updates.set("listPos", pos));
  }

  public Optional<Task> find(String id) {
    return Optional.ofNullable(tasks.find(eq("_id", id)).first()).map(TaskRepository::fromDocument);
  }

  public Optional<Task> findByJobKey(long jobKey) {
    return Optional.ofNullable(tasks.find(eq("jobKey", jobKey)).first()).map(TaskRepository::fromDocument);
  }

  /** Tasks by id, in the given order, skipping ids without a task. */
  private List<Task> load(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Task> found = new HashMap<>();
    tasks.find(in("_id", List.copyOf(ids))).forEach(d -> found.put(d.getString("_id"), fromDocument(d)));
    List<Task> out = new ArrayList<>();
    ids.forEach(id -> Optional.ofNullable(found.get(id)).ifPresent(out::add));
    return out;
  }

  /** Where a closed-task list read starts: which lists, in which order, and the cursor. */
  public record ClosedQuery(Task.Status status, List<String> teamRoles, Optional<String> assignee) {}

  /**
   * A page of closed tasks: with an assignee, that person's list; else the lists of the given team roles
   * ({@link #inboxKey} values) one after the other in the given order, each in the order its tasks were
   * closed. Only tasks {@code show} accepts are returned. Empty when {@code after} is not in these lists.
   */
  public Optional<List<Task>> closed(ClosedQuery q, Optional<String> after, int limit,
      Predicate<Task> show) {
    String posField = q.assignee().isPresent() ? POS_ASSIGNEE : POS_CLOSED;
    List<String> owners = q.assignee().isPresent() ? List.of(assigneeList(q.assignee().get(), q.status()))
        : q.teamRoles().stream().map(k -> k + "|" + q.status().id()).toList();
    int first = 0;
    Optional<Long> afterPos = Optional.empty();
    if (after.isPresent()) {
      Document c = tasks.find(eq("_id", after.get())).first();
      if (c == null || !q.status().id().equals(c.getString("status"))) {
        return Optional.empty();
      }
      String owner = q.assignee().isPresent() ? owners.getFirst()
          : closedList(c.getString("team"), c.getString("role"), q.status());
      first = owners.indexOf(owner);
      afterPos = IdList.recordedPosition(c, posField);
      if (first < 0 || afterPos.isEmpty()
          || (q.assignee().isPresent() && !q.assignee().get().equals(c.getString("assignee")))) {
        return Optional.empty();
      }
    }
    List<Task> out = new ArrayList<>();
    for (int i = first; i < owners.size() && out.size() < limit; i++) {
      out.addAll(lists.oldestFirst(owners.get(i), i == first ? afterPos : Optional.empty(), limit - out.size(),
          entries -> confirmed(entries, posField, show)));
    }
    return Optional.of(out);
  }

  /** The tasks of the entries whose documents record exactly that position, and that {@code show} accepts. */
  private List<Task> confirmed(List<IdList.Entry> entries, String posField, Predicate<Task> show) {
    Map<String, Document> found = new HashMap<>();
    if (!entries.isEmpty()) {
      tasks.find(in("_id", entries.stream().map(IdList.Entry::id).toList()))
          .forEach(d -> found.put(d.getString("_id"), d));
    }
    List<Task> out = new ArrayList<>();
    for (IdList.Entry e : entries) {
      Document d = found.get(e.id());
      if (d != null && IdList.recordedPosition(d, posField).map(p -> p == e.pos()).orElse(false)) {
        Task t = fromDocument(d);
        if (show.test(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** The tasks of some workflows (each workflow's ids are in one small document), in id order. */
  public List<Task> listByWorkflows(Collection<String> workflowIds) {
    if (workflowIds.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    byWorkflow.find(in("_id", List.copyOf(workflowIds))).forEach(d -> ids.addAll(d.getList("ids", String.class,
        List.of())));
    List<Task> out = new ArrayList<>(load(ids));
    out.sort(Comparator.comparing(Task::id));
    return out;
  }

  public List<Task> listByWorkflow(String workflowId) {
    return listByWorkflows(List.of(workflowId));
  }

  /** Claims an open task for {@code user} unless someone else holds it. */
  public boolean claim(String id, String user) {
    for (String holder : Arrays.asList(null, user)) {
      if (tasks.updateOne(openWith(id, holder), Updates.set("assignee", user)).getMatchedCount() == 1) {
        return true;
      }
    }
    return false;
  }

  public boolean unclaim(String id, String user) {
    return tasks.updateOne(openWith(id, user), Updates.set("assignee", null)).getMatchedCount() == 1;
  }

  /** The filter "this task, open, held by {@code assignee} (null: by nobody)": exactly an index's keys. */
  private static Document openWith(String id, String assignee) {
    return new Document("_id", id).append("status", "open").append("assignee", assignee);
  }

  /**
   * Records the decision if the task is still open and unclaimed or claimed by the decider: the one
   * atomic step that makes a decision happen once. The task goes into the pending set first (its
   * follow-up is resumed from there after a crash), its list entries next, and the deciding update
   * records their positions.
   */
  public boolean decide(String id, String user, String decision, String comment, Instant at, String idempotencyKey,
      String approvalId) {
    pending.updateOne(eq("_id", PENDING), Updates.addToSet("ids", id), new UpdateOptions().upsert(true));
    Bson decided = Updates.combine(Updates.set("status", "decided"), Updates.set("decision", decision),
        Updates.set("comment", comment), Updates.set("decidedBy", user), Updates.set("decidedAt", Date.from(at)),
        Updates.set("idempotencyKey", idempotencyKey), Updates.set("approvalId", approvalId));
    Optional<Task> closed = close(id, Task.Status.DECIDED, decided, holder -> holder == null || holder.equals(user));
    closed.ifPresent(this::leaveInbox);
    return closed.isPresent();
  }

  /**
   * Closes an open task whose holder {@code mayClose} accepts: list entries first (its team role's list,
   * and its holder's), then one conditional update that sets the status and records their positions.
   * The filter names the holder read, so the holder's list is always the right one; if the holder
   * changed meanwhile, it reads again. Empty when the task is not open (or held by someone not accepted).
   */
  private Optional<Task> close(String id, Task.Status status, Bson update,
      Predicate<String> mayClose) {
    Long closedPos = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<Task> t = find(id);
      if (t.isEmpty() || t.get().status() != Task.Status.OPEN || !mayClose.test(t.get().assignee())) {
        return Optional.empty();
      }
      Task task = t.get();
      if (closedPos == null) {
        closedPos = lists.append(closedList(task.team(), task.role(), status), id);
      }
      List<Bson> updates = new ArrayList<>(List.of(update, Updates.set(POS_CLOSED, closedPos)));
      if (task.assignee() != null) {
        updates.add(Updates.set(POS_ASSIGNEE, lists.append(assigneeList(task.assignee(), status), id)));
      }
      if (tasks.updateOne(openWith(id, task.assignee()), Updates.combine(updates)).getModifiedCount() == 1) {
        return Optional.of(task);
      }
    }
    return Optional.empty();
  }

  public void markJobCompleted(String id) {
    tasks.updateOne(eq("_id", id), Updates.set("jobCompleted", true));
  }

  /** The decision's follow-up is done: the task leaves the pending set. */
  public void settled(String id) {
    pending.updateOne(eq("_id", PENDING), Updates.pull("ids", id));
  }

  /**
   * Tasks whose decision's follow-up may be unfinished (the pending set; one lookup). Entries that need
   * nothing any more (canceled, or gone) leave the set here; open ones stay (a decision may be under way).
   */
  public List<Task> pending() {
    Document d = pending.find(eq("_id", PENDING)).first();
    List<String> ids = d == null ? List.of() : d.getList("ids", String.class, List.of());
    List<Task> found = load(ids);
    Set<String> present = new HashSet<>();
    List<Task> out = new ArrayList<>();
    for (Task t : found) {
      present.add(t.id());
      if (t.status() == Task.Status.DECIDED) {
        out.add(t);
      } else if (t.status() == Task.Status.CANCELED) {
        settled(t.id());
      }
    }
    ids.stream().filter(id -> !present.contains(id)).forEach(this::settled);
    return out;
  }

  /** Open tasks whose jobs the inbox keeps alive: the role documents' ids (a small collection), by key. */
  public List<Task> open() {
    List<String> ids = new ArrayList<>();
    inbox.find().forEach(d -> ids.addAll(d.getList("open", String.class, List.of())));
    return load(ids).stream().filter(t -> t.status() == Task.Status.OPEN).toList();
  }

  /** Cancels the workflow's open tasks (each with one conditional update) and takes them out of the inbox. */
  public void cancelOpen(String workflowId) {
    for (Task t : listByWorkflow(workflowId)) {
      if (t.status() == Task.Status.OPEN) {
        close(t.id(), Task.Status.CANCELED, Updates.set("status", "canceled"), holder -> true)
            .ifPresent(this::leaveInbox);
      }
    }
  }

  public void countReminder(String id) {
    tasks.updateOne(eq("_id", id), Updates.inc("reminders", 1));
  }

  static Document toDocument(Task t) {
    return new Document("_id", t.id()).append("jobKey", t.jobKey()).append("workflowId", t.workflowId())
        .append("workflowType", t.workflowType()).append("processInstanceKey", t.processInstanceKey())
        .append("elementId", t.elementId()).append("name", t.name()).append("team", t.team()).append("role", t.role())
        .append("assignee", t.assignee()).append("dueDate", t.dueDate() == null ? null : Date.from(t.dueDate()))
        .append("projectId", t.projectId()).append("modelVersionId", t.modelVersionId()).append("model", t.model())
        .append("version", t.version()).append("submittedBy", t.submittedBy()).append("status", t.status().id())
        .append("decision", t.decision()).append("comment", t.comment()).append("decidedBy", t.decidedBy())
        .append("decidedAt", t.decidedAt() == null ? null : Date.from(t.decidedAt()))
        .append("idempotencyKey", t.idempotencyKey()).append("approvalId", t.approvalId())
        .append("jobCompleted", t.jobCompleted()).append("reminders", t.reminders())
        .append("evidence", new Document(t.evidence())).append("createdAt", Date.from(t.createdAt()));
  }

  static Task fromDocument(Document d) {
    Document evidence = d.get("evidence", Document.class);
    return new Task(d.getString("_id"), ((Number) d.get("jobKey")).longValue(), d.getString("workflowId"),
        d.getString("workflowType"), ((Number) d.get("processInstanceKey")).longValue(), d.getString("elementId"),
        d.getString("name"), d.getString("team"), d.getString("role"), d.getString("assignee"),
        instant(d.getDate("dueDate")), d.getString("projectId"), d.getString("modelVersionId"), d.getString("model"),
        d.getString("version"), d.getString("submittedBy"), Task.Status.parse(d.getString("status")),
        d.getString("decision"), d.getString("comment"), d.getString("decidedBy"), instant(d.getDate("decidedAt")),
        d.getString("idempotencyKey"), d.getString("approvalId"), Boolean.TRUE.equals(d.getBoolean("jobCompleted")),
        d.getInteger("reminders", 0), evidence == null ? Map.of() : new LinkedHashMap<>(evidence),
        d.getDate("createdAt").toInstant());
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
