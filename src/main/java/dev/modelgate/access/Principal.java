package dev.modelgate.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who is calling: a user name, the platform {@code admin} flag, and the roles held in each team
 * (team slug → roles). Local accounts and Keycloak identities both end up as one of these. The e-mail
 * address is known only when the identity provider sent one (null otherwise).
 */
public record Principal(String username, String displayName, boolean admin, Map<String, Set<Role>> teamRoles,
    String source, String email) {

  public Principal(String username, String displayName, boolean admin, Map<String, Set<Role>> teamRoles,
      String source) {
    this(username, displayName, admin, teamRoles, source, null);
  }

  public Principal {
    Map<String, Set<Role>> copy = new TreeMap<>();
    teamRoles.forEach((team, roles) -> {
      if (!roles.isEmpty()) {
        copy.put(team, Set.copyOf(EnumSet.copyOf(roles)));
      }
    });
    teamRoles = Map.copyOf(copy);
  }

  public Set<Role> rolesIn(String team) {
    return teamRoles.getOrDefault(team, Set.of());
  }

  public boolean isMemberOf(String team) {
    return !rolesIn(team).isEmpty();
  }

  public boolean hasRole(String team, Role role) {
    return rolesIn(team).contains(role);
  }
}
