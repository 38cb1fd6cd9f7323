package dev.modelgate.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * A human step waiting in the inbox: one activated job-worker user task. It knows its workflow and
 * model version (extended references, so the inbox needs no joins), the team role that may decide,
 * the evidence to show, and, once decided, the decision.
 */
public record Task(String id, long jobKey, String workflowId, String workflowType, long processInstanceKey,
    String elementId, String name, String team, String role, String assignee, Instant dueDate, String projectId,
    String modelVersionId, String model, String version, String submittedBy, Status status, String decision,
    String comment, String decidedBy, Instant decidedAt, String idempotencyKey, String approvalId,
    boolean jobCompleted, int reminders, Map<String, Object> evidence, Instant createdAt) {

  public enum Status {
    OPEN, DECIDED, CANCELED;

    public String id() {
      return name().toLowerCase();
    }

    public static Status parse(String s) {
      return valueOf(s.toUpperCase());
    }
  }
}
