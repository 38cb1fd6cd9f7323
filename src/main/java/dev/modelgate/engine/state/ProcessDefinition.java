package dev.modelgate.engine.state;

import dev.modelgate.engine.model.ExecutableProcess;

/** A deployed version of a process. */
public record ProcessDefinition(
    long key,
    String bpmnProcessId,
    int version,
    String resourceName,
    String digest,
    byte[] resource,
    ExecutableProcess process) {}
