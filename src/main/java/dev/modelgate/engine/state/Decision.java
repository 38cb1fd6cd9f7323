package dev.modelgate.engine.state;

/** A deployed version of a decision, belonging to one version of its decision requirements graph. */
public record Decision(
    long key,
    String decisionId,
    String name,
    int version,
    long decisionRequirementsKey,
    String drgId) {}
