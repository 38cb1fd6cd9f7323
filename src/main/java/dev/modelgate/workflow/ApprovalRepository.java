package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Approvals: insert-only; one per task (a unique index), so a retried write never doubles one. */
public final class ApprovalRepository {

  private final MongoCollection<Document> approvals;

  public ApprovalRepository(Store store) {
    this.approvals = store.collection("approvals");
  }

  public void ensureIndexes() {
    approvals.createIndex(Indexes.ascending("taskId"), new IndexOptions().unique(true).name("task"));
    approvals.createIndex(Indexes.ascending("projectId", "_id"), new IndexOptions().name("project_id"));
    approvals.createIndex(Indexes.ascending("workflowId"), new IndexOptions().name("workflow"));
  }

  /** False when the task already has its approval. */
  public boolean insert(Approval a) {
    try {
      approvals.insertOne(new Document("_id", a.id()).append("taskId", a.taskId()).append("workflowId", a.workflowId())
          .append("workflowType", a.workflowType()).append("team", a.team()).append("projectId", a.projectId())
          .append("modelVersionId", a.modelVersionId()).append("model", a.model()).append("version", a.version())
          .append("step", a.step()).append("decidedBy", a.decidedBy()).append("role", a.role())
          .append("decision", a.decision()).append("comment", a.comment())
          .append("evidence", new Document(a.evidence())).append("decidedAt", Date.from(a.decidedAt())));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<Approval> find(String id) {
    return Optional.ofNullable(approvals.find(eq("_id", id)).first()).map(ApprovalRepository::fromDocument);
  }

  public List<Approval> listByProject(String projectId, Optional<String> modelVersionId, Optional<String> after,
      int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("projectId", projectId)));
    modelVersionId.ifPresent(v -> filters.add(eq("modelVersionId", v)));
    after.ifPresent(a -> filters.add(gt("_id", a)));
    List<Approval> out = new ArrayList<>();
    approvals.find(and(filters)).sort(Sorts.ascending("_id")).limit(limit).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public List<Approval> listByWorkflow(String workflowId) {
    List<Approval> out = new ArrayList<>();
    approvals.find(eq("workflowId", workflowId)).sort(Sorts.ascending("_id")).forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  public List<Approval> listByModelVersion(String modelVersionId) {
    List<Approval> out = new ArrayList<>();
    approvals.find(eq("modelVersionId", modelVersionId)).sort(Sorts.ascending("_id"))
        .forEach(d -> out.add(fromDocument(d)));
    return out;
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
