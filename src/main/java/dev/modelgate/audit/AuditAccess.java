package dev.modelgate.audit;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose audit entries a caller may read, for the API and the pages alike: the platform admin every entry,
 * compliance officers and leads their teams' entries ({@link Permission#AUDIT_READ}), others none (403).
 */
public final class AuditAccess {

  private AuditAccess() {}

  /** Teams whose entries the caller may read; {@code null} for every entry (admin); 403 when none. */
  public static Set<String> visibleTeams(AccessPolicy policy, Principal who, Optional<String> team) {
    if (team.isPresent()) {
      policy.require(who, Permission.AUDIT_READ, team);
      return Set.of(team.get());
    }
    if (who.admin() && policy.allows(who, Permission.AUDIT_READ, Optional.empty())) {
      return null;
    }
    Set<String> teams = who.teamRoles().keySet().stream()
        .filter(t -> policy.allows(who, Permission.AUDIT_READ, Optional.of(t)))
        .collect(Collectors.toSet());
    if (teams.isEmpty()) {
      policy.require(who, Permission.AUDIT_READ, Optional.empty());
    }
    return teams;
  }
}
