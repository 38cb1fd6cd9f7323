package dev.modelgate.engine.behavior;

import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.Job;
import java.util.List;
import java.util.Map;

/**
 * An activated job as sent to a worker. {@code listenerEventType} is null for the element's own jobs;
 * {@code userTask} is set for task listener jobs only.
 */
public record ActivatedJobData(
    long key,
    String type,
    long processInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String elementId,
    long elementInstanceKey,
    Map<String, String> customHeaders,
    String worker,
    int retries,
    long deadline,
    String variablesJson,
    Job.Kind kind,
    ListenerEventType listenerEventType,
    UserTaskData userTask) {

  /** The user task as a task listener sees it (Camunda's UserTaskProperties). */
  public record UserTaskData(long userTaskKey, String action, String assignee, List<String> candidateGroups,
      List<String> candidateUsers, List<String> changedAttributes, String dueDate, String followUpDate,
      int priority) {}
}
