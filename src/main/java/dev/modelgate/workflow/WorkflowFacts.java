package dev.modelgate.workflow;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import dev.modelgate.store.Store;
import dev.modelgate.store.Tally;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-time counts per project of what its workflows did: launches per type, ends per type, status and
 * outcome, decisions per step. Kept as the workflows and approvals are written (each counted once, see
 * {@link Tally}), so questions such as "how many promotions went through canary" are one lookup however
 * many workflows a project ran.
 */
public final class WorkflowFacts {

  private static final Logger log = LoggerFactory.getLogger(WorkflowFacts.class);
  static final String MARKER = "workflow-facts-v1";

  private final Tally tally;
  private final MongoCollection<Document> workflows;
  private final MongoCollection<Document> approvals;
  private final MongoCollection<Document> marks;

  public WorkflowFacts(Store store) {
    this.tally = new Tally(store.collection("workflow_facts"));
    this.workflows = store.collection("workflows");
    this.approvals = store.collection("approvals");
    this.marks = store.collection("schema_marks");
  }

  void ensureIndexes() {
    tally.ensureIndexes();
  }

  static String launched(String type) {
    return Tally.name("launched", type);
  }

  static String ended(String type, String status, String outcome) {
    return Tally.name("ended", type, status, outcome == null ? "" : outcome);
  }

  static String decided(String step) {
    return Tally.name("decided", step);
  }

  void countLaunch(String projectId, String workflowId, String type) {
    tally.add(projectId, "launch:" + workflowId, List.of(launched(type)));
  }

  void countEnd(String projectId, String workflowId, String type, String status, String outcome) {
    tally.add(projectId, "end:" + workflowId, List.of(ended(type, status, outcome)));
  }

  void countDecision(String projectId, String approvalId, String step) {
    tally.add(projectId, "approval:" + approvalId, List.of(decided(step)));
  }

  /** What the project's workflows did, all time. */
  public Counts of(String projectId) {
    return new Counts(tally.read(projectId));
  }

  /** A project's counts; names as built by {@link WorkflowFacts}. */
  public record Counts(Map<String, Long> byName) {

    public long launched(WorkflowType type) {
      return byName.getOrDefault(WorkflowFacts.launched(type.id()), 0L);
    }

    public long ended(WorkflowType type, Workflow.Status status, String outcome) {
      return byName.getOrDefault(WorkflowFacts.ended(type.id(), status.id(), outcome), 0L);
    }

    public long decided(String step) {
      return byName.getOrDefault(WorkflowFacts.decided(step), 0L);
    }

    public long decisions() {
      return byName.entrySet().stream().filter(e -> e.getKey().startsWith("decided|"))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  /** Counts a store's workflows and approvals from scratch, once (a marker says it is done). */
  void buildOnce() {
    if (marks.find(new Document("_id", MARKER)).first() != null) {
      return;
    }
    int projects = build();
    marks.insertOne(new Document("_id", MARKER).append("at", new Date()).append("projects", projects));
    if (projects > 0) {
      log.info("counted the earlier workflows and decisions of {} projects", projects);
    }
  }

  /**
   * Sets every project's counts to what the workflows and approvals collections hold (one scan of each);
   * for start-up and bulk loading, when nothing else writes. Returns the number of projects counted.
   */
  public int build() {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (Document d : workflows.find().projection(Projections.include("projectId", "type", "status", "outcome"))) {
      Map<String, Long> c = counts.computeIfAbsent(d.getString("projectId"), k -> new HashMap<>());
      c.merge(launched(d.getString("type")), 1L, Long::sum);
      if (!"running".equals(d.getString("status"))) {
        c.merge(ended(d.getString("type"), d.getString("status"), d.getString("outcome")), 1L, Long::sum);
      }
    }
    for (Document d : approvals.find().projection(Projections.include("projectId", "step"))) {
      counts.computeIfAbsent(d.getString("projectId"), k -> new HashMap<>())
          .merge(decided(d.getString("step")), 1L, Long::sum);
    }
    counts.forEach(tally::replace);
    return counts.size();
  }
}
