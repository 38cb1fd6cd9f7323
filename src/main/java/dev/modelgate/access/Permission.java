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
  // Workflows (issue 4)
  TEAM_SETTINGS_READ(EnumSet.allOf(Role.class), true, false),
  TEAM_SETTINGS_WRITE(Set.of(Role.LEAD), true, false),
  WORKFLOW_READ(EnumSet.allOf(Role.class), true, false),
  WORKFLOW_START(Set.of(Role.ENGINEER, Role.LEAD), false, false),
  WORKFLOW_MESSAGE(Set.of(Role.ENGINEER, Role.LEAD), false, false),
  WORKFLOW_CANCEL(Set.of(Role.LEAD), true, false),
  DRIFT_REPORT(Set.of(Role.ENGINEER, Role.LEAD), false, false),
  /** Reading a task; deciding also needs the task's candidate role, which the inbox checks. */
  TASK_READ(EnumSet.allOf(Role.class), true, false),
  TASK_ACT(EnumSet.of(Role.PRODUCT, Role.ENGINEER, Role.COMPLIANCE, Role.LEAD), false, false),
  APPROVAL_READ(EnumSet.allOf(Role.class), true, false),
  DISCUSSION_READ(EnumSet.allOf(Role.class), true, false),
  DISCUSSION_WRITE(Set.of(Role.PRODUCT, Role.ENGINEER, Role.COMPLIANCE, Role.LEAD), false, false),
  COMMENT_HIDE(Set.of(Role.LEAD), false, false),
  WEBHOOK_MANAGE(Set.of(Role.LEAD), true, false),
  /** Reading a team's audit entries; the platform admin reads every entry. */
  AUDIT_READ(Set.of(Role.COMPLIANCE, Role.LEAD), true, false),
  /** Logging one's own time (entries and timers) on a team's project. */
  TIME_LOG(Set.of(Role.PRODUCT, Role.ENGINEER, Role.COMPLIANCE, Role.LEAD), false, false),
  /** Aggregated time reports; individual entries of others need TIME_ENTRIES_READ_ALL. */
  TIME_REPORT_READ(EnumSet.allOf(Role.class), true, false),
  TIME_ENTRIES_READ_ALL(Set.of(Role.LEAD), true, false),
  RATES_MANAGE(Set.of(Role.LEAD), true, false),
  INFRA_COST_RECORD(Set.of(Role.ENGINEER, Role.LEAD), false, false),
  BENEFIT_RECORD(Set.of(Role.PRODUCT, Role.LEAD), false, false),
  COST_BENEFIT_READ(EnumSet.allOf(Role.class), true, false),
  MATURITY_ASSESS(Set.of(Role.ENGINEER, Role.LEAD), false, false),
  MATURITY_READ(EnumSet.allOf(Role.class), true, false);

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
