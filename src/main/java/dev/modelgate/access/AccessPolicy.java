package dev.modelgate.access;

import dev.modelgate.kernel.Refusal;
import java.util.Optional;
import java.util.function.Supplier;
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

  /**
   * Throws when the principal lacks the permission: 403 (saying what is needed) for the admin and for a
   * member of the team, who may know what the team holds; for anyone else the {@code hidden} problem,
   * which is the caller's 404 for a thing that does not exist, so an outsider learns neither that the
   * team's object exists nor which team holds it.
   */
  public void require(Principal who, Permission permission, Optional<String> team,
      Supplier<Refusal> hidden) {
    if (decide(who, permission, team) instanceof Denied denied) {
      if (outsider(who, team)) {
        throw hidden.get();
      }
      throw Refusal.forbidden(denied.reason());
    }
  }

  /**
   * {@link #require(Principal, Permission, Optional, Supplier)} for a team the caller named itself (a path
   * or query parameter): an outsider gets the 404 of a team that does not exist.
   */
  public void require(Principal who, Permission permission, Optional<String> team) {
    require(who, permission, team, () -> Refusal.notFound("no team '" + team.orElse("") + "'"));
  }

  /** Whether things of {@code team} are none of the principal's business: not its member, not the admin. */
  public boolean outsider(Principal who, Optional<String> team) {
    return team.isPresent() && !who.admin() && !who.isMemberOf(team.get());
  }

  public boolean allows(Principal who, Permission permission, Optional<String> team) {
    return decide(who, permission, team) instanceof Allowed;
  }
}
