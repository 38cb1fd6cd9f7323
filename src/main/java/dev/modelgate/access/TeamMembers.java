package dev.modelgate.access;

import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.json.JsonFields;
import dev.modelgate.kernel.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's members among the local accounts, and the lead's change of someone's roles in the team (an empty
 * set removes them), audited. The API ({@code PUT /teams/{team}/members/{username}}) and the team page both
 * come here.
 */
public final class TeamMembers {

  private final LocalAccounts accounts;
  private final AccountRepository repository;
  private final AuditTrail audit;

  public TeamMembers(LocalAccounts accounts, AccountRepository repository, AuditTrail audit) {
    this.accounts = accounts;
    this.repository = repository;
    this.audit = audit;
  }

  public List<Account> of(String team) {
    return repository.membersOf(team);
  }

  /** The body of a roles change: {@code {"roles": [...]}}, every bad entry named. */
  public static Set<Role> parseRoles(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("roles"));
    JsonArray raw = f.optionalArray("roles", Role.values().length);
    if (raw == null && f.valid()) {
      f.error("roles", "is required (an empty list removes the member)");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (raw != null) {
      for (int i = 0; i < raw.size(); i++) {
        Object r = raw.getValue(i);
        if (!(r instanceof String s) || Role.parse(s).isEmpty()) {
          f.error("roles[" + i + "]", "must be one of viewer, product, engineer, compliance, lead");
        } else {
          roles.add(Role.parse(s).get());
        }
      }
    }
    f.throwIfInvalid();
    return roles;
  }

  /** Sets the user's roles in the team; 404 when there is no such local account. */
  public void setRoles(Principal by, String team, String username, Set<Role> roles) {
    if (!accounts.setTeamRoles(username, team, roles)) {
      throw Refusal.notFound("no local account '" + username + "'");
    }
    audit.record(new AuditEvent(by.username(), roles.isEmpty() ? "member.removed" : "member.roles-set", team, "user",
        username, Map.of("roles", roles.stream().map(Role::id).sorted().toList())));
  }
}
