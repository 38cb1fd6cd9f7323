package dev.modelgate.audit;

/**
 * Where features record state changes. The implementation appends to a hash-chained, append-only log;
 * {@link #record} returns once the entry is written.
 */
@FunctionalInterface
public interface AuditTrail {
  void record(AuditEvent event);

  /** Records nothing: for tests of features that do not look at the audit log. */
  AuditTrail NONE = event -> {};
}
