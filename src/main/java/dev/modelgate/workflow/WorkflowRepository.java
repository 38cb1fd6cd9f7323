package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.IdList;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Workflows, one document each with its current steps, timeline and approvals inside (a workflow page is
 * one lookup by id). A second collection holds one lock per model version and workflow type while it
 * runs, so "already running" is a unique-key insert, not a query.
 *
 * <p>The lists are kept so that no read scans the collection (see {@link IdList}): a project's workflows
 * in start order and a model version's workflows in start order (both bucketed id lists), each finished
 * status of a project in finish order (bucketed), and the running workflows of a project in one small
 * document ({@code workflow_running}). A workflow's document records its positions under {@code listPos}.
 * Conditional updates use plain filters whose keys are exactly a unique index's keys (the embedded
 * store scans for anything else, including {@code $and}).
 */
public final class WorkflowRepository {

  /** Ids per page of the bucketed lists. */
  public static final int LIST_PAGE_SIZE = 200;
  static final String POS_PROJECT = "listPos.project";
  static final String POS_VERSION = "listPos.version";
  static final String POS_FINISHED = "listPos.finished";
  /** A launch writes its workflow milliseconds after taking the lock; an older holder never written crashed. */
  static final int ORPHAN_LOCK_MINUTES = 1;
  /** What a list shows; the timeline, details and approvals stay out of list reads. */
  private static final Bson SUMMARY = Projections.exclude("timeline", "details", "approvals");

  private final MongoCollection<Document> workflows;
  private final MongoCollection<Document> locks;
  private final MongoCollection<Document> running;
  private final IdList lists;
  private final WorkflowFacts facts;

  public WorkflowRepository(Store store) {
    this(store, LIST_PAGE_SIZE);
  }

  /** With a chosen page size of the bucketed lists (tests use small pages to cross page boundaries). */
  public WorkflowRepository(Store store, int listPageSize) {
    this.workflows = store.collection("workflows");
    this.locks = store.collection("workflow_locks");
    this.running = store.collection("workflow_running");
    this.lists = new IdList(store.collection("workflow_list_pages"), store.collection("workflow_list_counters"),
        listPageSize);
    this.facts = new WorkflowFacts(store);
  }

  public void ensureIndexes() {
    lists.ensureIndexes();
    facts.ensureIndexes();
    locks.createIndex(Indexes.ascending("_id", "workflowId"), new IndexOptions().unique(true).name("id_holder"));
    // For the embedded store: the conditional updates' filters are exactly these keys, so they are lookups.
    workflows.createIndex(Indexes.ascending("_id", "status"), new IndexOptions().unique(true).name("id_status"));
    workflows.createIndex(Indexes.ascending("_id", "processInstanceKey"),
        new IndexOptions().unique(true).name("id_instance"));
    // For real MongoDB (the lists above serve the embedded store): a project's and a version's workflows.
    workflows.createIndex(Indexes.ascending("projectId", "_id"), new IndexOptions().name("project_id"));
    workflows.createIndex(Indexes.ascending("modelVersionId"), new IndexOptions().name("model_version"));
  }

  static String projectList(String projectId) {
    return "project:" + projectId;
  }

  static String versionList(String modelVersionId) {
    return "version:" + modelVersionId;
  }

  static String finishedList(String projectId, Workflow.Status status) {
    return "project:" + projectId + ":" + status.id();
  }

  /** The bucketed lists, for bulk loading (benchmarks). */
  public IdList lists() {
    return lists;
  }

  /**
   * False when a workflow holding the same lock is running ({@link #lockHolder} names it). A lock left
   * behind by a crash is taken over: its holder ended without unlocking, or was never written and no launch
   * can still be on its way.
   */
  public boolean lock(String lockKey, String workflowId) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        locks.insertOne(new Document("_id", lockKey).append("workflowId", workflowId));
        return true;
      } catch (RuntimeException e) {
        if (!Duplicates.isDuplicateKey(e)) {
          throw e;
        }
      }
      Optional<String> holder = lockHolder(lockKey);
      if (holder.isPresent() && !isStale(holder.get())) {
        return false;
      }
      // Conditional on the stale holder still holding it, so of two launchers taking over only one wins.
      if (holder.isPresent() && locks.replaceOne(lockFilter(lockKey, holder.get()),
          new Document("_id", lockKey).append("workflowId", workflowId)).getModifiedCount() == 1) {
        return true;
      }
    }
    return false;
  }

  /** A holder that ended, or that was never written although its id is older than any launch in flight. */
  private boolean isStale(String holderId) {
    Document holder = workflows.find(eq("_id", holderId)).projection(Projections.include("status")).first();
    return holder == null ? isOlderThanMinutes(holderId, ORPHAN_LOCK_MINUTES)
        : !"running".equals(holder.getString("status"));
  }

  /** Exactly the keys of the unique index {@code id_holder}, so the embedded store finds the lock by index. */
  private static Document lockFilter(String lockKey, String workflowId) {
    return new Document("_id", lockKey).append("workflowId", workflowId);
  }

  public Optional<String> lockHolder(String lockKey) {
    return Optional.ofNullable(locks.find(eq("_id", lockKey)).first()).map(d -> d.getString("workflowId"));
  }

  public void unlock(String lockKey, String workflowId) {
    locks.deleteOne(lockFilter(lockKey, workflowId));
  }

  /**
   * Stores a new workflow. Its list entries and its place among the project's running workflows are
   * written first; the document, written last, points back to them. A crash in between leaves entries
   * without a document, which no list shows.
   */
  public void insert(Workflow w) {
    long projectPos = lists.append(projectList(w.projectId()), w.id());
    long versionPos = lists.append(versionList(w.modelVersionId()), w.id());
    if (w.status() == Workflow.Status.RUNNING) {
      running.updateOne(new Document("_id", w.projectId()), Updates.addToSet("ids", w.id()),
          new UpdateOptions().upsert(true));
    }
    // "launching" stays until the engine has acknowledged the instance (see launchesCutShort).
    workflows.insertOne(toDocument(w).append("listPos", new Document("project", projectPos)
        .append("version", versionPos)).append("launching", w.status() == Workflow.Status.RUNNING));
    facts.countLaunch(w.projectId(), w.id(), w.type().id());
  }

  /** Lists a workflow stored before the lists existed ({@link ListBackfill}; nothing else writes meanwhile). */
  void backfill(Document d) {
    String id = d.getString("_id");
    String projectId = d.getString("projectId");
    Document pos = new Document("project", lists.append(projectList(projectId), id))
        .append("version", lists.append(versionList(d.getString("modelVersionId")), id));
    Workflow.Status status = Workflow.Status.parse(d.getString("status"));
    if (status == Workflow.Status.RUNNING) {
      running.updateOne(new Document("_id", projectId), Updates.addToSet("ids", id), new UpdateOptions().upsert(true));
    } else {
      pos.append("finished", lists.append(finishedList(projectId, status), id));
    }
    workflows.updateOne(eq("_id", id), Updates.set("listPos", pos));
  }

  public Optional<Workflow> find(String id) {
    return Optional.ofNullable(workflows.find(eq("_id", id)).first()).map(WorkflowRepository::fromDocument);
  }

  /** Filters of the project's workflow list. */
  public record ListQuery(String projectId, Optional<String> modelVersionId, Optional<Workflow.Status> status) {}

  /**
   * Which bucketed list a query reads: its owner, the position its documents record, which cursor
   * documents belong to it, and which listed documents the page keeps.
   */
  private record Listing(String owner, String posField, Predicate<Document> belongs, Predicate<Document> keep) {}

  private static Listing listing(ListQuery q) {
    Predicate<Document> inProject = d -> q.projectId().equals(d.getString("projectId"));
    Predicate<Document> hasStatus = d -> q.status().map(s -> s.id().equals(d.getString("status"))).orElse(true);
    if (q.modelVersionId().isPresent()) {
      String v = q.modelVersionId().get();
      Predicate<Document> inVersion = inProject.and(d -> v.equals(d.getString("modelVersionId")));
      return new Listing(versionList(v), POS_VERSION, inVersion, inVersion.and(hasStatus));
    }
    if (q.status().isEmpty()) {
      return new Listing(projectList(q.projectId()), POS_PROJECT, inProject, inProject);
    }
    return new Listing(finishedList(q.projectId(), q.status().get()), POS_FINISHED, inProject.and(hasStatus),
        inProject.and(hasStatus));
  }

  /**
   * A page of the project's workflows (summaries: no timeline, details or approvals), after the workflow
   * {@code after}. Unfiltered and by model version: newest started first. {@code running}: newest started
   * first. A finished status: newest finished first. Empty when {@code after} is not in this list.
   */
  public Optional<List<Workflow>> listByProject(ListQuery q, Optional<String> after, int limit) {
    if (q.status().orElse(null) == Workflow.Status.RUNNING && q.modelVersionId().isEmpty()) {
      return Optional.of(running(q.projectId(), after, limit));
    }
    Listing l = listing(q);
    Optional<Long> before = Optional.empty();
    if (after.isPresent()) {
      Document cursor = workflows.find(eq("_id", after.get())).projection(SUMMARY).first();
      before = cursor != null && l.belongs().test(cursor) ? IdList.recordedPosition(cursor, l.posField()) : Optional.empty();
      if (before.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(lists.newestFirst(l.owner(), before, limit, resolver(l.posField(), l.keep())));
  }

  /** The newest {@code limit} workflows of a project (summaries), for evidence and reports. */
  public List<Workflow> newestOfProject(String projectId, int limit) {
    return listByProject(new ListQuery(projectId, Optional.empty(), Optional.empty()), Optional.empty(), limit)
        .orElseThrow();
  }

  /** Every workflow of a model version (summaries), newest first: a version has few. */
  public List<Workflow> listByModelVersion(String modelVersionId) {
    return lists.newestFirst(versionList(modelVersionId), Optional.empty(), Integer.MAX_VALUE,
        resolver(POS_VERSION, d -> modelVersionId.equals(d.getString("modelVersionId"))));
  }

  /**
   * The project's running workflows, newest started first, from its small running document. Ids whose
   * workflow has ended (a crash between finishing and leaving the set) are dropped from it here.
   */
  private List<Workflow> running(String projectId, Optional<String> after, int limit) {
    Document d = running.find(new Document("_id", projectId)).first();
    List<String> ids = new ArrayList<>(d == null ? List.<String>of() : d.getList("ids", String.class, List.of()));
    ids.sort(Comparator.reverseOrder());
    if (after.isPresent()) {
      ids.removeIf(id -> id.compareTo(after.get()) >= 0);
    }
    return firstRunning(ids, java.util.Set.of(projectId), limit, (id, w) -> {
      if (w != null || isOlderThanMinutes(id, 10)) {
        // Ended, or never written (a start that crashed long ago): not running any more.
        running.updateOne(new Document("_id", projectId), Updates.pull("ids", id));
      }
    });
  }

  /**
   * Loads {@code ids} (newest first) in batches until {@code limit} running workflows of {@code projects}
   * are found; {@code notRunning} is told of every id that is not one (its document, or null when missing).
   */
  private List<Workflow> firstRunning(List<String> ids, java.util.Set<String> projects, int limit,
      java.util.function.BiConsumer<String, Document> notRunning) {
    List<Workflow> out = new ArrayList<>();
    for (int i = 0; i < ids.size() && out.size() < limit; ) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + (limit - out.size())));
      i += batch.size();
      Map<String, Document> found = load(batch);
      for (String id : batch) {
        Document w = found.get(id);
        if (w != null && projects.contains(w.getString("projectId")) && "running".equals(w.getString("status"))) {
          out.add(fromDocument(w));
        } else {
          notRunning.accept(id, w);
        }
      }
    }
    return out;
  }

  /**
   * The running workflows of these projects, newest started first, at most {@code limit}: one read of their
   * running documents and one of the workflows (a read only; stale ids are dropped by {@link #running}).
   */
  public List<Workflow> runningIn(java.util.Collection<String> projectIds, int limit) {
    if (projectIds.isEmpty()) {
      return List.of();
    }
    java.util.Set<String> projects = new java.util.HashSet<>(projectIds);
    List<String> ids = new ArrayList<>();
    running.find(in("_id", List.copyOf(projects))).forEach(d -> ids.addAll(d.getList("ids", String.class, List.of())));
    ids.sort(Comparator.reverseOrder());
    return firstRunning(ids, projects, limit, (id, w) -> { });
  }

  /**
   * Every running workflow, timeline included (for the health gauges): one read of the running documents,
   * then the workflows by id in batches.
   */
  public List<Workflow> running() {
    List<String> ids = new ArrayList<>();
    running.find().forEach(d -> ids.addAll(d.getList("ids", String.class, List.of())));
    List<Workflow> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      workflows.find(in("_id", ids.subList(i, Math.min(ids.size(), i + 500))))
          .projection(Projections.exclude("approvals", "details")).forEach(d -> {
            if ("running".equals(d.getString("status"))) {
              out.add(fromDocument(d));
            }
          });
    }
    return out;
  }

  private static boolean isOlderThanMinutes(String id, int minutes) {
    return ObjectId.isValid(id) && new ObjectId(id).getDate().getTime()
        < System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(minutes);
  }

  private IdList.Resolver<Workflow> resolver(String posField, Predicate<Document> filter) {
    return entries -> {
      Map<String, Document> found = load(entries.stream().map(IdList.Entry::id).toList());
      List<Workflow> out = new ArrayList<>();
      for (IdList.Entry e : entries) {
        Document d = found.get(e.id());
        if (d != null && IdList.recordedPosition(d, posField).map(p -> p == e.pos()).orElse(false) && filter.test(d)) {
          out.add(fromDocument(d));
        }
      }
      return out;
    };
  }

  /** Summaries by id, one lookup by the unique _id index. */
  private Map<String, Document> load(List<String> ids) {
    Map<String, Document> out = new HashMap<>();
    if (!ids.isEmpty()) {
      workflows.find(in("_id", ids)).projection(SUMMARY).forEach(d -> out.put(d.getString("_id"), d));
    }
    return out;
  }

  /** The engine runs the workflow's instance: its key, and the launch is no longer in doubt. */
  public void setProcessInstanceKey(String id, long key) {
    workflows.updateOne(new Document("_id", id).append("processInstanceKey", null),
        Updates.combine(Updates.set("processInstanceKey", key), Updates.unset("launching")));
  }

  /** The engine accepted the workflow's start (a start by message carries no instance key). */
  public void launched(String id) {
    workflows.updateOne(eq("_id", id), Updates.unset("launching"));
  }

  /**
   * Running workflows started before {@code before} whose launch never heard from the engine: the server
   * died between storing the workflow and the engine's answer, and no job of it has run since.
   */
  public List<Workflow> launchesCutShort(Instant before) {
    List<String> ids = new ArrayList<>();
    running.find().forEach(d -> ids.addAll(d.getList("ids", String.class, List.of())));
    List<Workflow> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      workflows.find(in("_id", ids.subList(i, Math.min(ids.size(), i + 500)))).projection(SUMMARY).forEach(d -> {
        if ("running".equals(d.getString("status")) && Boolean.TRUE.equals(d.getBoolean("launching"))
            && d.getDate("startedAt").toInstant().isBefore(before)) {
          out.add(fromDocument(d));
        }
      });
    }
    return out;
  }

  public void setDetail(String id, String name, Object value) {
    workflows.updateOne(eq("_id", id), Updates.set("details." + name, value));
  }

  public void appendTimeline(String id, Workflow.TimelineEntry e) {
    workflows.updateOne(eq("_id", id), Updates.push("timeline", entryDoc(e)));
  }

  /**
   * Appends the line of a job's step once: a job handed out again after a crash (same job key) runs its step
   * again, but its line is already there. Only one worker holds a job at a time, so read-then-push suffices.
   */
  /** Appends the entry unless one with the same {@code onceKey} was written (a step repeated after a crash). */
  public void appendTimelineOnce(String id, String onceKey, Workflow.TimelineEntry e) {
    Document d = workflows.find(eq("_id", id)).projection(Projections.include("timeline.once")).first();
    boolean written = d != null && d.getList("timeline", Document.class, List.of()).stream()
        .anyMatch(t -> onceKey.equals(t.get("once")));
    if (!written) {
      workflows.updateOne(eq("_id", id), Updates.push("timeline", entryDoc(e).append("once", onceKey)));
    }
  }

  public void appendTimelineOfJob(String id, long jobKey, Workflow.TimelineEntry e) {
    Document d = workflows.find(eq("_id", id)).projection(Projections.include("timeline.job")).first();
    boolean written = d != null && d.getList("timeline", Document.class, List.of()).stream()
        .anyMatch(t -> Long.valueOf(jobKey).equals(t.get("job") instanceof Number n ? n.longValue() : null));
    if (!written) {
      workflows.updateOne(eq("_id", id), Updates.push("timeline", entryDoc(e).append("job", jobKey)));
    }
  }

  /**
   * Keeps a copy of the approval inside its workflow (the subset pattern: the workflow page needs no
   * query over approvals). Keyed by approval id, so writing it again changes nothing.
   */
  public void embedApproval(Approval a) {
    workflows.updateOne(eq("_id", a.workflowId()), Updates.set("approvals." + a.id(), ApprovalRepository.toDocument(a)));
  }

  public void addStep(String id, Workflow.Step step) {
    workflows.updateOne(new Document("_id", id).append("status", "running"), Updates.push("currentSteps", stepDoc(step)));
  }

  /** Removes the step atomically; false when the workflow was not waiting for it (someone else took it). */
  public boolean removeStep(String id, String key) {
    // The document as it was before the pull tells whether this call took the step (one lookup by _id).
    Document before = workflows.findOneAndUpdate(eq("_id", id), Updates.pull("currentSteps", new Document("key", key)),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE).projection(Projections.include("currentSteps")));
    return before != null && before.getList("currentSteps", Document.class, List.of()).stream()
        .anyMatch(s -> key.equals(s.getString("key")));
  }

  /**
   * Ends a running workflow; false when it had already ended. The entry in the status's list is written
   * first and the finishing update records its position, so a retried or concurrent finish lists it once.
   */
  public boolean finish(String id, Workflow.Status status, String outcome, Instant at) {
    Document current = workflows.find(eq("_id", id))
        .projection(Projections.include("projectId", "type", "status", "outcome")).first();
    if (current == null) {
      return false;
    }
    String projectId = current.getString("projectId");
    if (!"running".equals(current.getString("status"))) {
      // The same finish repeated (a step retried after a crash): make sure its end is counted, once.
      if (status.id().equals(current.getString("status"))
          && java.util.Objects.equals(outcome, current.getString("outcome"))) {
        facts.countEnd(projectId, id, current.getString("type"), status.id(), outcome);
      }
      return false;
    }
    long pos = lists.append(finishedList(projectId, status), id);
    boolean finished = workflows.updateOne(new Document("_id", id).append("status", "running"), Updates.combine(
        Updates.set("status", status.id()), Updates.set("outcome", outcome), Updates.set("finishedAt", Date.from(at)),
        Updates.set("currentSteps", List.of()), Updates.set(POS_FINISHED, pos))).getModifiedCount() == 1;
    if (finished) {
      facts.countEnd(projectId, id, current.getString("type"), status.id(), outcome);
    }
    // Leaving the running set last: a crash before it leaves an id the running list drops when it reads it.
    running.updateOne(new Document("_id", projectId), Updates.pull("ids", id));
    return finished;
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
    List<Approval> approvals = new ArrayList<>();
    Document embedded = d.get("approvals", Document.class);
    if (embedded != null) {
      embedded.values().forEach(a -> approvals.add(ApprovalRepository.fromDocument((Document) a)));
      approvals.sort(Comparator.comparing(Approval::id));
    }
    return new Workflow(d.getString("_id"), WorkflowType.parse(d.getString("type")).orElseThrow(),
        d.getString("team"), d.getString("projectId"), d.getString("modelVersionId"), d.getString("model"),
        d.getString("version"), d.getString("submittedBy"), d.getString("startedBy"),
        Workflow.Status.parse(d.getString("status")), d.getString("outcome"),
        key == null ? null : ((Number) key).longValue(), steps, timeline,
        details == null ? Map.of() : new LinkedHashMap<>(details), d.getDate("startedAt").toInstant(),
        instant(d.getDate("finishedAt")), approvals);
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
