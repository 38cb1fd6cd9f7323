package dev.modelgate.audit;

import java.util.Map;

/**
 * One state change worth an audit entry: who did what to which subject, in which team (null for
 * platform events such as logins), with details that make it understandable later.
 */
public record AuditEvent(String actor, String action, String team, String subjectType, String subjectId,
    Map<String, Object> details) {

  public AuditEvent {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
