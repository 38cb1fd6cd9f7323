package dev.modelgate.engine;

/**
 * How the engine rebuilt its state on its last start.
 *
 * @param snapshotSeq the log document the snapshot covered (0: none)
 * @param eventsReplayed event records applied after the snapshot
 * @param commandsProcessedDuringReplay commands run through a processor while those events were applied:
 *     always 0, since replay only applies events (kept so that tests can show it)
 * @param legacyCommandsMigrated commands of an older version's command log processed once to migrate it
 * @param millis time the rebuild took
 */
public record EngineRecovery(long snapshotSeq, long eventsReplayed, long commandsProcessedDuringReplay,
    long legacyCommandsMigrated, long millis) {}
