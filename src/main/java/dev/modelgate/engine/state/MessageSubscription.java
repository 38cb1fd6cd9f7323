package dev.modelgate.engine.state;

/** An open wait for a message, owned by an element instance. */
public record MessageSubscription(long key, long elementInstanceKey, long processInstanceKey, String messageName,
    String correlationKey, String targetElementId, boolean interrupting) {}
