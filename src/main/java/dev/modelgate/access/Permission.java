package dev.modelgate.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a route needs. Each permission names the team roles that grant it (in the route's team) and
 * whether the platform admin holds it. {@link AccessPolicy} is the one place that decides.
 */
public enum Permission {
  /** Any authenticated caller; the feature filters what it returns. */
  AUTHENTICATED(Set.of(), false, true),
  TEAM_CREATE(Set.of(), true, false),
  TEAM_READ(EnumSet.allOf(Role.class), true, false),
  MEMBERS_MANAGE(Set.of(Role.LEAD), true, false),
  USER_MANAGE(Set.of(), true, false),
  PROJECT_CREATE(Set.of(Role.LEAD), true, false),
  PROJECT_READ(EnumSet.allOf(Role.class), true, false),
  MODEL_VERSION_REGISTER(Set.of(Role.ENGINEER, Role.LEAD), false, false),
  MODEL_VERSION_READ(EnumSet.allOf(Role.class), true, false),
  DISCUSSION_READ(EnumSet.allOf(Role.class), true, false),
  DISCUSSION_WRITE(Set.of(Role.PRODUCT, Role.ENGINEER, Role.COMPLIANCE, Role.LEAD), false, false),
  COMMENT_HIDE(Set.of(Role.LEAD), false, false),
  WEBHOOK_MANAGE(Set.of(Role.LEAD), true, false);

  private final Set<Role> teamRoles;
  private final boolean admin;
  private final boolean anyAuthenticated;

  Permission(Set<Role> teamRoles, boolean admin, boolean anyAuthenticated) {
    this.teamRoles = teamRoles;
    this.admin = admin;
    this.anyAuthenticated = anyAuthenticated;
  }

  public Set<Role> teamRoles() {
    return teamRoles;
  }

  public boolean grantedToAdmin() {
    return admin;
  }

  public boolean grantedToAnyAuthenticated() {
    return anyAuthenticated;
  }

  public String id() {
    return name().toLowerCase().replace('_', ':');
  }
}
