package dev.modelgate.engine.state;

/**
 * An open wait for a broadcast signal, owned by an element instance: the catch event itself, the
 * activity of a signal boundary event, or the flow scope of a signal event sub-process.
 */
public record SignalSubscription(long key, long elementInstanceKey, long processInstanceKey, String signalName,
    String targetElementId, boolean interrupting) {}
