package dev.modelgate.engine.history;

import java.util.List;
import java.util.Map;

/**
 * A user task; {@code state} CREATED, COMPLETED or CANCELED; dates as the model gave them (ISO text)
 * or null. Today every user task is a job-worker user task ({@code userTaskKey} = its job key); Camunda
 * user tasks (their own records) fold into the same view.
 */
public record UserTaskView(long userTaskKey, String elementId, long elementInstanceKey, long processInstanceKey,
    String bpmnProcessId, long processDefinitionKey, String state, String assignee, List<String> candidateGroups,
    List<String> candidateUsers, String dueDate, String followUpDate, String formKey, int priority,
    long creationDate, long completionDate, Map<String, String> customHeaders) {}
