package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.IdList;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Approvals: insert-only; one per task (a unique index), so a retried write never doubles one. A
 * project's approvals and a model version's approvals are bucketed id lists in decision order (see
 * {@link IdList}: the entries are written first, the approval document records its positions under
 * {@code listPos}); a workflow's approvals are copied into the workflow document
 * ({@link WorkflowRepository#embedApproval}).
 */
public final class ApprovalRepository {

  public static final int LIST_PAGE_SIZE = 200;
  static final String POS_PROJECT = "listPos.project";
  static final String POS_VERSION = "listPos.version";

  private final MongoCollection<Document> approvals;
  private final IdList lists;
  private final WorkflowFacts facts;

  public ApprovalRepository(Store store) {
    this(store, LIST_PAGE_SIZE);
  }

  /** With a chosen page size of the bucketed lists (tests use small pages to cross page boundaries). */
  public ApprovalRepository(Store store, int listPageSize) {
    this.approvals = store.collection("approvals");
    this.lists = new IdList(store.collection("approval_list_pages"), store.collection("approval_list_counters"),
        listPageSize);
    this.facts = new WorkflowFacts(store);
  }

  public void ensureIndexes() {
    lists.ensureIndexes();
    facts.ensureIndexes();
    approvals.createIndex(Indexes.ascending("taskId"), new IndexOptions().unique(true).name("task"));
    // For real MongoDB (the lists serve the embedded store).
    approvals.createIndex(Indexes.ascending("projectId", "_id"), new IndexOptions().name("project_id"));
    approvals.createIndex(Indexes.ascending("modelVersionId", "_id"), new IndexOptions().name("model_version_id"));
  }

  static String projectList(String projectId) {
    return "project:" + projectId;
  }

  static String versionList(String modelVersionId) {
    return "version:" + modelVersionId;
  }

  /** The bucketed lists, for bulk loading (benchmarks). */
  public IdList lists() {
    return lists;
  }

  /**
   * False when the task already has its approval. The list entries go first and the document points
   * back to them, so a crash in between, or a second insert for the same task, lists it once.
   */
  public boolean insert(Approval a) {
    long projectPos = lists.append(projectList(a.projectId()), a.id());
    long versionPos = lists.append(versionList(a.modelVersionId()), a.id());
    boolean fresh;
    try {
      approvals.insertOne(toDocument(a).append("listPos", new Document("project", projectPos)
          .append("version", versionPos)));
      fresh = true;
    } catch (RuntimeException e) {
      if (!Duplicates.isDuplicateKey(e)) {
        throw e;
      }
      fresh = false;
    }
    // Also for a repeated insert (a decision resumed after a crash): counted once either way.
    facts.countDecision(a.projectId(), a.id(), a.step());
    return fresh;
  }

  /** Lists an approval stored before the lists existed ({@link ListBackfill}). */
  void backfill(Document d) {
    String id = d.getString("_id");
    approvals.updateOne(eq("_id", id), com.mongodb.client.model.Updates.set("listPos",
        new Document("project", lists.append(projectList(d.getString("projectId")), id))
            .append("version", lists.append(versionList(d.getString("modelVersionId")), id))));
  }

  public Optional<Approval> find(String id) {
    return Optional.ofNullable(approvals.find(eq("_id", id)).first()).map(ApprovalRepository::fromDocument);
  }

  /**
   * A page of the project's approvals in decision order, after the approval {@code after}; empty when
   * {@code after} is not in this list.
   */
  public Optional<List<Approval>> listByProject(String projectId, Optional<String> modelVersionId,
      Optional<String> after, int limit) {
    Optional<Document> cursor = after.map(a -> approvals.find(eq("_id", a)).first());
    if (after.isPresent() && (cursor.isEmpty() || !projectId.equals(cursor.get().getString("projectId"))
        || modelVersionId.map(v -> !v.equals(cursor.get().getString("modelVersionId"))).orElse(false))) {
      return Optional.empty();
    }
    String posField = modelVersionId.isPresent() ? POS_VERSION : POS_PROJECT;
    Optional<Long> afterPos = cursor.flatMap(c -> IdList.recordedPosition(c, posField));
    if (cursor.isPresent() && afterPos.isEmpty()) {
      return Optional.empty();
    }
    String owner = modelVersionId.map(ApprovalRepository::versionList).orElse(projectList(projectId));
    return Optional.of(lists.oldestFirst(owner, afterPos, limit,
        resolver(posField, d -> projectId.equals(d.getString("projectId")))));
  }

  /** The newest {@code limit} approvals of a project, newest first (for evidence). */
  public List<Approval> newestOfProject(String projectId, int limit) {
    return lists.newestFirst(projectList(projectId), Optional.empty(), limit, resolver(POS_PROJECT, d -> true));
  }

  /** Every approval of a model version, oldest first (a version has few). */
  public List<Approval> listByModelVersion(String modelVersionId) {
    return lists.all(versionList(modelVersionId), resolver(POS_VERSION, d -> true));
  }

  private IdList.Resolver<Approval> resolver(String posField, Predicate<Document> filter) {
    return entries -> {
      Map<String, Document> found = new HashMap<>();
      if (!entries.isEmpty()) {
        approvals.find(in("_id", entries.stream().map(IdList.Entry::id).toList()))
            .forEach(d -> found.put(d.getString("_id"), d));
      }
      List<Approval> out = new ArrayList<>();
      for (IdList.Entry e : entries) {
        Document d = found.get(e.id());
        if (d != null && IdList.recordedPosition(d, posField).map(p -> p == e.pos()).orElse(false)
            && filter.test(d)) {
          out.add(fromDocument(d));
        }
      }
      return out;
    };
  }

  static Document toDocument(Approval a) {
    return new Document("_id", a.id()).append("taskId", a.taskId()).append("workflowId", a.workflowId())
        .append("workflowType", a.workflowType()).append("team", a.team()).append("projectId", a.projectId())
        .append("modelVersionId", a.modelVersionId()).append("model", a.model()).append("version", a.version())
        .append("step", a.step()).append("decidedBy", a.decidedBy()).append("role", a.role())
        .append("decision", a.decision()).append("comment", a.comment())
        .append("evidence", new Document(a.evidence())).append("decidedAt", Date.from(a.decidedAt()));
  }

  static Approval fromDocument(Document d) {
    Document evidence = d.get("evidence", Document.class);
    Map<String, Object> ev = evidence == null ? Map.of() : new LinkedHashMap<>(evidence);
    return new Approval(d.getString("_id"), d.getString("taskId"), d.getString("workflowId"),
        d.getString("workflowType"), d.getString("team"), d.getString("projectId"), d.getString("modelVersionId"),
        d.getString("model"), d.getString("version"), d.getString("step"), d.getString("decidedBy"),
        d.getString("role"), d.getString("decision"), d.getString("comment"), ev, d.getDate("decidedAt").toInstant());
  }
}
