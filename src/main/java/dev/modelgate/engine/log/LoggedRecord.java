package dev.modelgate.engine.log;

import dev.modelgate.engine.event.EngineEvent;

/**
 * One record of the event log: its position (1, 2, 3, … over the log's whole life, as Zeebe's), the
 * time of the command that produced it, the process instance it belongs to (-1: none, e.g. a
 * deployment), and the event (whose {@link EngineEvent#key()} is the record key). The process instance
 * key is what the exported history is indexed by; replay does not need it.
 */
public record LoggedRecord(long position, long timestamp, long processInstanceKey, EngineEvent event) {}
