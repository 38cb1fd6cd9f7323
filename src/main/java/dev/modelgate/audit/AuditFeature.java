package dev.modelgate.audit;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.audit.api.AuditRoutes;
import dev.modelgate.audit.pages.AuditPages;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.store.Store;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * Reading and verifying the audit log: its API and page. The log itself is opened before any feature
 * ({@link #openLog}), since every feature writes to it.
 */
public final class AuditFeature implements Feature {

  private final AuditLog auditLog;
  private final AccessPolicy policy;
  private final Predicate<String> teamExists;

  public AuditFeature(AuditLog auditLog, AccessPolicy policy, Predicate<String> teamExists) {
    this.auditLog = auditLog;
    this.policy = policy;
    this.teamExists = teamExists;
  }

  /** The append-only, hash-chained log every feature records to. */
  public static AuditLog openLog(Store store, Clock clock) {
    AuditLog log = new AuditLog(new AuditRepository(store), clock);
    log.ensureIndexes();
    return log;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new AuditRoutes(auditLog, policy, teamExists).table());
    new AuditPages(edge.kit(), policy, auditLog).mount(edge.pages());
  }
}
