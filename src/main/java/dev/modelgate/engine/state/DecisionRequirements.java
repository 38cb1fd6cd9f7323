package dev.modelgate.engine.state;

import dev.modelgate.engine.dmn.ParsedDrg;

/** A deployed version of a decision requirements graph (one DMN resource). */
public record DecisionRequirements(
    long key,
    String drgId,
    String name,
    int version,
    String resourceName,
    String digest,
    byte[] resource,
    ParsedDrg parsed) {}
