package dev.modelgate.discussion;

import java.util.Set;

/** Who can see a team's subjects: the user names of its members (local accounts today). */
@FunctionalInterface
public interface TeamMembers {
  Set<String> of(String team);
}
