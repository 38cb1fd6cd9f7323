package dev.modelgate.engine.history;

/**
 * An element instance: {@code type} is the element kind (SERVICE_TASK, …, MULTI_INSTANCE_BODY),
 * {@code state} ACTIVE, COMPLETED or TERMINATED, {@code endDate} -1 while active, {@code incidentKey}
 * the open incident or -1.
 */
public record ElementInstanceView(long elementInstanceKey, long processInstanceKey, long flowScopeKey,
    long processDefinitionKey, String bpmnProcessId, String elementId, String type, String state, long startDate,
    long endDate, long incidentKey) {}
