package dev.modelgate.access;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the server last saw of a person: user name, display name and e-mail when the identity carried them,
 * platform admin flag, team roles, where the identity came from ({@code local}, {@code oidc},
 * {@code api-token}) and when. A single-sign-on user is known only from their last sign-in or API call.
 */
public record DirectoryEntry(String username, String displayName, String email, boolean admin,
    Map<String, Set<Role>> teamRoles, String source, Instant lastSeen) {

  public DirectoryEntry {
    teamRoles = new Principal(username, displayName, admin, teamRoles, source).teamRoles();
  }

  /** Whether this entry says the same about the person as {@code other} (last-seen time aside). */
  public boolean sameIdentity(DirectoryEntry other) {
    return other != null && username.equals(other.username) && Objects.equals(displayName, other.displayName)
        && Objects.equals(email, other.email) && admin == other.admin && teamRoles.equals(other.teamRoles);
  }

  public Set<Role> rolesIn(String team) {
    return teamRoles.getOrDefault(team, Set.of());
  }
}
