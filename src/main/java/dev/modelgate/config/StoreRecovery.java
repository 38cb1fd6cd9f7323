package dev.modelgate.config;

import java.time.Duration;

/**
 * How the server rides out a store that cannot write (disk full, read-only): how often the embedded store
 * tries to reopen its file, and the {@code Retry-After} that 503 answers carry meanwhile.
 */
public record StoreRecovery(Duration probeInterval, Duration retryAfter) {}
