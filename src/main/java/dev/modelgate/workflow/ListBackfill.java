package dev.modelgate.workflow;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.modelgate.store.Store;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts workflows, approvals and tasks written before their lists existed into the lists (once: a marker
 * document says it is done, so later starts cost one lookup). It runs at start-up before the workers and
 * routes, so nothing else writes meanwhile; each item goes through the repositories' own list writes, and
 * an item that already records its positions is skipped, so a crash half-way is repaired by the next
 * start.
 */
final class ListBackfill {

  private static final Logger log = LoggerFactory.getLogger(ListBackfill.class);
  static final String MARKER = "workflow-lists-v1";

  private final MongoCollection<Document> marks;
  private final MongoCollection<Document> workflows;
  private final MongoCollection<Document> approvals;
  private final MongoCollection<Document> tasks;
  private final WorkflowRepository workflowRepository;
  private final ApprovalRepository approvalRepository;
  private final TaskRepository taskRepository;

  ListBackfill(Store store, WorkflowRepository workflowRepository, ApprovalRepository approvalRepository,
      TaskRepository taskRepository) {
    this.marks = store.collection("schema_marks");
    this.workflows = store.collection("workflows");
    this.approvals = store.collection("approvals");
    this.tasks = store.collection("tasks");
    this.workflowRepository = workflowRepository;
    this.approvalRepository = approvalRepository;
    this.taskRepository = taskRepository;
  }

  void run() {
    if (marks.find(new Document("_id", MARKER)).first() != null) {
      return;
    }
    long w = 0;
    long a = 0;
    long t = 0;
    // One scan per collection, oldest first, so the lists keep creation order.
    for (Document d : workflows.find(Filters.exists("listPos", false)).sort(Sorts.ascending("_id"))) {
      workflowRepository.backfill(d);
      w++;
    }
    for (Document d : approvals.find(Filters.exists("listPos", false)).sort(Sorts.ascending("_id"))) {
      approvalRepository.backfill(d);
      workflowRepository.embedApproval(ApprovalRepository.fromDocument(d));
      a++;
    }
    for (Document d : tasks.find(Filters.exists("listPos", false)).sort(Sorts.ascending("_id"))) {
      taskRepository.backfill(d);
      t++;
    }
    marks.insertOne(new Document("_id", MARKER).append("at", new Date()).append("workflows", w)
        .append("approvals", a).append("tasks", t));
    if (w + a + t > 0) {
      log.info("listed {} earlier workflows, {} approvals and {} tasks", w, a, t);
    }
  }
}
