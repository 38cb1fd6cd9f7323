package dev.modelgate.engine.history;

/**
 * A process instance as the history has it. {@code state}: ACTIVE, COMPLETED or TERMINATED (Camunda's
 * CANCELED); {@code endDate} -1 while active; {@code parentElementInstanceKey} the calling call
 * activity instance (-1 for a root instance); {@code version} -1 when the deployment left the history.
 */
public record ProcessInstanceView(long processInstanceKey, String bpmnProcessId, int version,
    long processDefinitionKey, String state, long startDate, long endDate, long parentElementInstanceKey,
    boolean hasIncident) {}
