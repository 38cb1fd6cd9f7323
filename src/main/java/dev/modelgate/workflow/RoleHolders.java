package dev.modelgate.workflow;

import java.util.Set;

/** Who holds a role in a team (user names), to tell them a task waits for their role. */
@FunctionalInterface
public interface RoleHolders {

  Set<String> holders(String team, String role);

  RoleHolders NONE = (team, role) -> Set.of();
}
