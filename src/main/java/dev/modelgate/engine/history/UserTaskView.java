package dev.modelgate.engine.history;

import java.util.List;
import java.util.Map;

/**
 * A user task; dates as ISO text or null. A job-worker user task ({@code userTaskKey} = its job key) is
 * CREATED, COMPLETED or CANCELED; a Camunda user task (its own key) is in its lifecycle state (CREATING,
 * CREATED, ASSIGNING, UPDATING, COMPLETING, CANCELING, COMPLETED, CANCELED); {@code camundaUserTask}
 * tells the two apart (Camunda's REST user-task search lists only Camunda user tasks).
 */
public record UserTaskView(long userTaskKey, String elementId, long elementInstanceKey, long processInstanceKey,
    String bpmnProcessId, long processDefinitionKey, String state, String assignee, List<String> candidateGroups,
    List<String> candidateUsers, String dueDate, String followUpDate, String formKey, int priority,
    long creationDate, long completionDate, Map<String, String> customHeaders,
    boolean camundaUserTask) {}
