package dev.modelgate.access;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A local account: its password hash stays in the store and never leaves this package. */
public record Account(String username, String displayName, String passwordHash, boolean admin,
    Map<String, Set<Role>> teamRoles, Instant createdAt) {

  public Principal principal() {
    return new Principal(username, displayName, admin, teamRoles, "local");
  }
}
