package dev.modelgate.discussion;

/**
 * Who can see a team's subjects: people holding any role in the team — local accounts, and single-sign-on
 * users as the user directory last recorded them (one lookup per mentioned name, never a scan).
 */
@FunctionalInterface
public interface TeamMembers {
  boolean includes(String team, String username);
}
