package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The inbox: one document per human task. The job key is unique, so a job activated again (after a
 * timeout or a restart) never makes a second task; a decision is one conditional update on an open task.
 * The open tasks of each team role are also listed in one small document per role ({@code task_inbox},
 * keyed by {@code team|role}: the bucket pattern), so "my open tasks" is a few lookups by unique key
 * however many decided tasks pile up.
 */
public final class TaskRepository {

  private final MongoCollection<Document> tasks;
  private final MongoCollection<Document> inbox;

  public TaskRepository(Store store) {
    this.tasks = store.collection("tasks");
    this.inbox = store.collection("task_inbox");
  }

  static String inboxKey(String team, String role) {
    return team + "|" + role;
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
    out.sort(java.util.Comparator.comparing(Task::id));
    return out;
  }

  private void leaveInbox(Task t) {
    inbox.updateOne(eq("_id", inboxKey(t.team(), t.role())), Updates.pull("open", t.id()));
  }

  public void ensureIndexes() {
    tasks.createIndex(Indexes.ascending("jobKey"), new IndexOptions().unique(true).name("job_key"));
    // For real MongoDB: the inbox of a team's role, and a workflow's tasks.
    tasks.createIndex(Indexes.ascending("team", "role", "status"), new IndexOptions().name("team_role_status"));
    tasks.createIndex(Indexes.ascending("workflowId"), new IndexOptions().name("workflow"));
  }

  /** False when a task for this job already exists. Listed in its role's inbox first, so it is never lost. */
  public boolean insert(Task t) {
    inbox.updateOne(eq("_id", inboxKey(t.team(), t.role())), Updates.addToSet("open", t.id()),
        new com.mongodb.client.model.UpdateOptions().upsert(true));
    try {
      tasks.insertOne(toDocument(t));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        leaveInbox(t);
        return false;
      }
      throw e;
    }
  }

  public Optional<Task> find(String id) {
    return Optional.ofNullable(tasks.find(eq("_id", id)).first()).map(TaskRepository::fromDocument);
  }

  public Optional<Task> findByJobKey(long jobKey) {
    return Optional.ofNullable(tasks.find(eq("jobKey", jobKey)).first()).map(TaskRepository::fromDocument);
  }

  /** Filters of the inbox list. */
  public record Query(Collection<String> teams, Optional<String> status, Optional<String> role,
      Optional<String> workflowId, Optional<String> modelVersionId, Optional<String> assignee) {}

  public List<Task> list(Query q, Optional<String> after, int limit) {
    List<Bson> filters = new ArrayList<>(List.of(in("team", q.teams())));
    q.status().ifPresent(s -> filters.add(eq("status", s)));
    q.role().ifPresent(r -> filters.add(eq("role", r)));
    q.workflowId().ifPresent(w -> filters.add(eq("workflowId", w)));
    q.modelVersionId().ifPresent(v -> filters.add(eq("modelVersionId", v)));
    q.assignee().ifPresent(a -> filters.add(eq("assignee", a)));
    after.ifPresent(a -> filters.add(gt("_id", a)));
    List<Task> out = new ArrayList<>();
    tasks.find(and(filters)).sort(Sorts.ascending("_id")).limit(limit).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public List<Task> listByWorkflow(String workflowId) {
    List<Task> out = new ArrayList<>();
    tasks.find(eq("workflowId", workflowId)).sort(Sorts.ascending("_id")).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  /** Claims an open task for {@code user} unless someone else holds it. */
  public boolean claim(String id, String user) {
    return tasks.updateOne(and(eq("_id", id), eq("status", "open"), or(eq("assignee", null), eq("assignee", user))),
        Updates.set("assignee", user)).getMatchedCount() == 1;
  }

  public boolean unclaim(String id, String user) {
    return tasks.updateOne(and(eq("_id", id), eq("status", "open"), eq("assignee", user)),
        Updates.set("assignee", null)).getMatchedCount() == 1;
  }

  /**
   * Records the decision if the task is still open and unclaimed or claimed by the decider: the one
   * atomic step that makes a decision happen once.
   */
  public boolean decide(String id, String user, String decision, String comment, Instant at, String idempotencyKey,
      String approvalId) {
    boolean decided = tasks.updateOne(and(eq("_id", id), eq("status", "open"), or(eq("assignee", null), eq("assignee", user))),
        Updates.combine(Updates.set("status", "decided"), Updates.set("decision", decision),
            Updates.set("comment", comment), Updates.set("decidedBy", user), Updates.set("decidedAt", Date.from(at)),
            Updates.set("idempotencyKey", idempotencyKey), Updates.set("approvalId", approvalId)))
        .getModifiedCount() == 1;
    if (decided) {
      find(id).ifPresent(this::leaveInbox);
    }
    return decided;
  }

  public void markJobCompleted(String id) {
    tasks.updateOne(eq("_id", id), Updates.set("jobCompleted", true));
  }

  public List<Task> decidedButNotCompleted() {
    List<Task> out = new ArrayList<>();
    tasks.find(and(eq("status", "decided"), eq("jobCompleted", false))).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  /** Open tasks whose jobs the inbox keeps alive (a scan; it runs every few minutes). */
  public List<Task> open() {
    List<Task> out = new ArrayList<>();
    tasks.find(eq("status", "open")).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public void cancelOpen(String workflowId) {
    List<Task> open = listByWorkflow(workflowId).stream().filter(t -> t.status() == Task.Status.OPEN).toList();
    tasks.updateMany(and(eq("workflowId", workflowId), eq("status", "open")), Updates.set("status", "canceled"));
    open.forEach(this::leaveInbox);
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
