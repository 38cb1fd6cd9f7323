package dev.modelgate.audit;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Whose audit entries a caller may read, for the API and the pages alike: the platform admin every entry,
 * compliance officers and leads their teams' entries ({@link Permission#AUDIT_READ}), others none (403).
 * A team the caller is not a member of answers 404 like a team that does not exist, so the answer does not
 * tell which teams exist.
 */
public final class AuditAccess {

  private AuditAccess() {}

  /**
   * Teams whose entries the caller may read, only {@code team} when given; {@code null} for every entry
   * (admin, no team named); 404 for a team that does not exist or that the caller is not a member of,
   * 403 when the caller may read none.
   */
  public static Set<String> visibleTeams(AccessPolicy policy, Predicate<String> teamExists, Principal who,
      Optional<String> team) {
    if (team.isPresent()) {
      if ((!who.admin() && !who.isMemberOf(team.get())) || !teamExists.test(team.get())) {
        throw Refusal.notFound("no team '" + team.get() + "'");
      }
      policy.require(who, Permission.AUDIT_READ, team);
      return Set.of(team.get());
    }
    return visibleTeams(policy, who);
  }

  /** Teams whose entries the caller may read; {@code null} for every entry (admin); 403 when none. */
  public static Set<String> visibleTeams(AccessPolicy policy, Principal who) {
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
