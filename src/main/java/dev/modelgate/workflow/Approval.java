package dev.modelgate.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * The immutable record of one decision: who, in which role, what, why, on which evidence, when, in
 * which workflow and for which model version. Written once, never updated.
 */
public record Approval(String id, String taskId, String workflowId, String workflowType, String team,
    String projectId, String modelVersionId, String model, String version, String step, String decidedBy,
    String role, String decision, String comment, Map<String, Object> evidence, Instant decidedAt) {}
