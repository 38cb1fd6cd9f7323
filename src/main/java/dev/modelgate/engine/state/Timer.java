package dev.modelgate.engine.state;

import dev.modelgate.engine.behavior.TimerSchedule;

/**
 * A scheduled timer. {@code elementInstanceKey} is the instance that owns it (the activity for a
 * boundary event, the catch event, the event-based gateway) or -1 for a timer start event.
 */
public record Timer(long key, long elementInstanceKey, long processDefinitionKey, String targetElementId,
    TimerSchedule schedule) {}
