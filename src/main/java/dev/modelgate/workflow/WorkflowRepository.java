package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Workflows, one document each with its current steps and timeline inside (the bucket pattern: a
 * workflow page is one lookup by id). A second collection holds one lock per model version and
 * workflow type while it runs, so "already running" is a unique-key insert, not a query.
 */
public final class WorkflowRepository {

  private final MongoCollection<Document> workflows;
  private final MongoCollection<Document> locks;

  public WorkflowRepository(Store store) {
    this.workflows = store.collection("workflows");
    this.locks = store.collection("workflow_locks");
  }

  public void ensureIndexes() {
    // For real MongoDB; the embedded store scans (lists are per project and paginated).
    workflows.createIndex(Indexes.ascending("projectId", "_id"), new IndexOptions().name("project_id"));
    workflows.createIndex(Indexes.ascending("modelVersionId"), new IndexOptions().name("model_version"));
  }

  /** False when a workflow holding the same lock is running; {@code existing} then names it. */
  public boolean lock(String lockKey, String workflowId) {
    try {
      locks.insertOne(new Document("_id", lockKey).append("workflowId", workflowId));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<String> lockHolder(String lockKey) {
    return Optional.ofNullable(locks.find(eq("_id", lockKey)).first()).map(d -> d.getString("workflowId"));
  }

  public void unlock(String lockKey, String workflowId) {
    locks.deleteOne(and(eq("_id", lockKey), eq("workflowId", workflowId)));
  }

  public void insert(Workflow w) {
    workflows.insertOne(toDocument(w));
  }

  public Optional<Workflow> find(String id) {
    return Optional.ofNullable(workflows.find(eq("_id", id)).first()).map(WorkflowRepository::fromDocument);
  }

  public List<Workflow> listByProject(String projectId, Optional<String> modelVersionId, Optional<String> status,
      Optional<String> after, int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("projectId", projectId)));
    modelVersionId.ifPresent(v -> filters.add(eq("modelVersionId", v)));
    status.ifPresent(s -> filters.add(eq("status", s)));
    after.ifPresent(a -> filters.add(lt("_id", a)));
    List<Workflow> out = new ArrayList<>();
    workflows.find(and(filters)).sort(Sorts.descending("_id")).limit(limit).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public void setProcessInstanceKey(String id, long key) {
    workflows.updateOne(and(eq("_id", id), eq("processInstanceKey", null)), Updates.set("processInstanceKey", key));
  }

  public void setDetail(String id, String name, Object value) {
    workflows.updateOne(eq("_id", id), Updates.set("details." + name, value));
  }

  public void appendTimeline(String id, Workflow.TimelineEntry e) {
    workflows.updateOne(eq("_id", id), Updates.push("timeline", entryDoc(e)));
  }

  public void addStep(String id, Workflow.Step step) {
    workflows.updateOne(and(eq("_id", id), eq("status", "running")), Updates.push("currentSteps", stepDoc(step)));
  }

  /** Removes the step atomically; false when the workflow was not waiting for it (someone else took it). */
  public boolean removeStep(String id, String key) {
    return workflows.updateOne(and(eq("_id", id), eq("currentSteps.key", key)),
        Updates.pull("currentSteps", new Document("key", key))).getModifiedCount() == 1;
  }

  /** Ends a running workflow; false when it had already ended. */
  public boolean finish(String id, Workflow.Status status, String outcome, Instant at) {
    return workflows.updateOne(and(eq("_id", id), eq("status", "running")), Updates.combine(
        Updates.set("status", status.id()), Updates.set("outcome", outcome), Updates.set("finishedAt", Date.from(at)),
        Updates.set("currentSteps", List.of()))).getModifiedCount() == 1;
  }

  static Document toDocument(Workflow w) {
    List<Document> steps = new ArrayList<>();
    w.currentSteps().forEach(s -> steps.add(stepDoc(s)));
    List<Document> timeline = new ArrayList<>();
    w.timeline().forEach(e -> timeline.add(entryDoc(e)));
    return new Document("_id", w.id()).append("type", w.type().id()).append("team", w.team())
        .append("projectId", w.projectId()).append("modelVersionId", w.modelVersionId()).append("model", w.model())
        .append("version", w.version()).append("submittedBy", w.submittedBy()).append("startedBy", w.startedBy())
        .append("status", w.status().id()).append("outcome", w.outcome())
        .append("processInstanceKey", w.processInstanceKey()).append("currentSteps", steps)
        .append("timeline", timeline).append("details", new Document(w.details()))
        .append("startedAt", Date.from(w.startedAt()))
        .append("finishedAt", w.finishedAt() == null ? null : Date.from(w.finishedAt()));
  }

  static Document stepDoc(Workflow.Step s) {
    return new Document("key", s.key()).append("kind", s.kind()).append("elementId", s.elementId())
        .append("name", s.name()).append("taskId", s.taskId()).append("role", s.role())
        .append("since", Date.from(s.since()));
  }

  static Document entryDoc(Workflow.TimelineEntry e) {
    return new Document("step", e.step()).append("name", e.name()).append("kind", e.kind()).append("who", e.who())
        .append("startedAt", e.startedAt() == null ? null : Date.from(e.startedAt()))
        .append("finishedAt", e.finishedAt() == null ? null : Date.from(e.finishedAt()))
        .append("note", e.note());
  }

  static Workflow fromDocument(Document d) {
    List<Workflow.Step> steps = new ArrayList<>();
    for (Document s : d.getList("currentSteps", Document.class, List.of())) {
      steps.add(new Workflow.Step(s.getString("key"), s.getString("kind"), s.getString("elementId"),
          s.getString("name"), s.getString("taskId"), s.getString("role"), s.getDate("since").toInstant()));
    }
    List<Workflow.TimelineEntry> timeline = new ArrayList<>();
    for (Document e : d.getList("timeline", Document.class, List.of())) {
      timeline.add(new Workflow.TimelineEntry(e.getString("step"), e.getString("name"), e.getString("kind"),
          e.getString("who"), instant(e.getDate("startedAt")), instant(e.getDate("finishedAt")), e.getString("note")));
    }
    Document details = d.get("details", Document.class);
    Object key = d.get("processInstanceKey");
    return new Workflow(d.getString("_id"), WorkflowType.parse(d.getString("type")).orElseThrow(),
        d.getString("team"), d.getString("projectId"), d.getString("modelVersionId"), d.getString("model"),
        d.getString("version"), d.getString("submittedBy"), d.getString("startedBy"),
        Workflow.Status.parse(d.getString("status")), d.getString("outcome"),
        key == null ? null : ((Number) key).longValue(), steps, timeline,
        details == null ? Map.of() : new LinkedHashMap<>(details), d.getDate("startedAt").toInstant(),
        instant(d.getDate("finishedAt")));
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
