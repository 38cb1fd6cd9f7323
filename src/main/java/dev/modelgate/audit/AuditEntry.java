package dev.modelgate.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit log as stored: its position in the chain ({@code seq}, starting at 1), the
 * event, the hash of the previous entry and its own hash over {@link AuditChain#canonical}.
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String team, String subjectType,
    String subjectId, Map<String, Object> details, String prevHash, String hash) {}
