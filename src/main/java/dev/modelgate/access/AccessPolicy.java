package dev.modelgate.access;

import dev.modelgate.web.ProblemException;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one policy that decides whether a principal holds a permission, in a team or platform-wide. */
public final class AccessPolicy {

  /** Sealed outcome, so callers that only need a yes/no and callers that explain can share one rule. */
  public sealed interface Decision permits Allowed, Denied {}

  public record Allowed() implements Decision {}

  public record Denied(String reason) implements Decision {}

  public Decision decide(Principal who, Permission permission, Optional<String> team) {
    if (permission.grantedToAnyAuthenticated()) {
      return new Allowed();
    }
    if (who.admin() && permission.grantedToAdmin()) {
      return new Allowed();
    }
    String roles = permission.teamRoles().stream().map(Role::id).sorted().collect(Collectors.joining(" or "));
    if (team.isEmpty()) {
      return new Denied("'" + permission.id() + "' needs the platform role admin");
    }
    if (permission.teamRoles().stream().anyMatch(r -> who.hasRole(team.get(), r))) {
      return new Allowed();
    }
    if (roles.isEmpty()) {
      return new Denied("'" + permission.id() + "' needs the platform role admin");
    }
    return new Denied("'" + permission.id() + "' needs the role " + roles + " in team '" + team.get() + "'");
  }

  /** Throws 403 when the principal lacks the permission. */
  public void require(Principal who, Permission permission, Optional<String> team) {
    if (decide(who, permission, team) instanceof Denied denied) {
      throw ProblemException.forbidden(denied.reason());
    }
  }

  public boolean allows(Principal who, Permission permission, Optional<String> team) {
    return decide(who, permission, team) instanceof Allowed;
  }
}
