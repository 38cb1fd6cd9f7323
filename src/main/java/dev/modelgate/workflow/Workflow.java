package dev.modelgate.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The server's read model of one process instance: what it is about, where it stands (current steps),
 * what happened (timeline, bucketed inside this document) and how it ended. It is fed only by the
 * server's job workers and the commands it sends, never by engine internals. Its approvals are copies
 * kept inside the document (the approvals collection holds the records), oldest first.
 */
public record Workflow(String id, WorkflowType type, String team, String projectId, String modelVersionId,
    String model, String version, String submittedBy, String startedBy, Status status, String outcome,
    Long processInstanceKey, List<Step> currentSteps, List<TimelineEntry> timeline, Map<String, Object> details,
    Instant startedAt, Instant finishedAt, List<Approval> approvals) {

  public enum Status {
    RUNNING, COMPLETED, CANCELED, FAILED;

    public String id() {
      return name().toLowerCase();
    }

    public static Status parse(String s) {
      return valueOf(s.toUpperCase());
    }
  }

  /** Something the workflow waits for now: a person's decision on a task, or a message. */
  public record Step(String key, String kind, String elementId, String name, String taskId, String role,
      Instant since) {

    public static String messageKey(String messageName) {
      return "message:" + messageName;
    }

    public static String taskKey(String taskId) {
      return "task:" + taskId;
    }
  }

  /** One thing that happened: a step done by the system or a person, with its duration. */
  public record TimelineEntry(String step, String name, String kind, String who, Instant startedAt,
      Instant finishedAt, String note) {

    public Duration duration() {
      return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
  }

  public boolean waitsFor(String messageName) {
    return currentSteps.stream().anyMatch(s -> s.key().equals(Step.messageKey(messageName)));
  }

  /** The lock that keeps one workflow of a type running per model version. */
  public String lockKey() {
    return modelVersionId + ":" + type.id();
  }
}
