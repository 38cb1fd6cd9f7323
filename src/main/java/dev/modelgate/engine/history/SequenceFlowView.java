package dev.modelgate.engine.history;

/** A sequence flow taken in a process instance (in the flow scope {@code flowScopeKey}). */
public record SequenceFlowView(long processInstanceKey, long flowScopeKey, String sequenceFlowId, String targetId,
    long date) {}
