package dev.modelgate.engine.history;

import java.util.Map;

/**
 * A job: {@code state} is its last transition as Camunda names them (CREATED, COMPLETED, FAILED,
 * RETRIES_UPDATED, TIMED_OUT, CANCELED, ERROR_THROWN); {@code deadline} -1 unless activated.
 */
public record JobView(long jobKey, String type, long processInstanceKey, long elementInstanceKey, String elementId,
    String bpmnProcessId, long processDefinitionKey, String state, int retries, String worker, long deadline,
    String errorMessage, Map<String, String> customHeaders) {}
