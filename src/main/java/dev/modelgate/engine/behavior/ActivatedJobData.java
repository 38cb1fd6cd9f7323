package dev.modelgate.engine.behavior;

import java.util.Map;

/** An activated job as sent to a worker. */
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
    String variablesJson) {}
