package dev.modelgate.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit log as stored: its position in the chain ({@code seq}, starting at 1), the
 * event, the hash of the previous entry, its own hash, and the scheme that hash was computed with
 * ({@code hashVersion}, see {@link AuditChain}), so that entries written by older versions still verify.
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String team, String subjectType,
    String subjectId, Map<String, Object> details, String prevHash, String hash, int hashVersion) {

  /** The same entry with its hash set. */
  public AuditEntry withHash(String h) {
    return new AuditEntry(seq, at, actor, action, team, subjectType, subjectId, details, prevHash, h, hashVersion);
  }
}
