package dev.modelgate.engine.history;

/** An incident; {@code state} ACTIVE or RESOLVED. */
public record IncidentView(long incidentKey, String errorType, String errorMessage, long processInstanceKey,
    long elementInstanceKey, String elementId, long jobKey, String state, long creationTime) {}
