package dev.modelgate.access.oidc;

import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads team roles from verified token claims: group paths {@code /teams/<team>/<role>} in the groups
 * claim (its name is configurable), and the realm role {@code modelgate-admin} as the platform admin.
 * Anything else is ignored — never widened: an unknown role is logged once; a team that is not in the
 * store is reported (log once, and the {@code unknownTeam} callback every time, e.g. a metric) but kept
 * out of nothing and never created.
 */
public final class TeamRoleClaims {

  public static final String ADMIN_REALM_ROLE = "modelgate-admin";
  private static final Logger log = LoggerFactory.getLogger(TeamRoleClaims.class);
  private static final Pattern TEAM_GROUP = Pattern.compile("/teams/([a-z0-9][a-z0-9-]{1,62})/([^/]+)");

  private final String groupsClaim;
  private final Predicate<String> teamExists;
  private final Consumer<String> unknownTeam;
  private final Set<String> alreadyLogged = ConcurrentHashMap.newKeySet();

  public TeamRoleClaims(String groupsClaim, Predicate<String> teamExists, Consumer<String> unknownTeam) {
    this.groupsClaim = groupsClaim;
    this.teamExists = teamExists;
    this.unknownTeam = unknownTeam;
  }

  public Principal principal(JsonObject claims) {
    String username = firstString(claims, "preferred_username", "sub");
    String displayName = firstString(claims, "name", "preferred_username", "sub");
    Map<String, Set<Role>> teams = new HashMap<>();
    if (claims.getValue(groupsClaim) instanceof JsonArray groups) {
      for (Object g : groups) {
        if (g instanceof String path) {
          addGroup(path, teams);
        }
      }
    }
    for (String team : teams.keySet()) {
      if (!teamExists.test(team)) {
        unknownTeam.accept(team);
        if (alreadyLogged.add("team:" + team) && alreadyLogged.size() < 10_000) {
          log.warn("token of '{}' names team '{}', which is not in the store; create it to use these roles",
              username, team);
        }
      }
    }
    String email = claims.getValue("email") instanceof String e && !e.isBlank() ? e : null;
    return new Principal(username, displayName, realmRoles(claims).contains(ADMIN_REALM_ROLE), teams, "oidc", email);
  }

  private void addGroup(String path, Map<String, Set<Role>> teams) {
    Matcher m = TEAM_GROUP.matcher(path);
    if (!m.matches()) {
      return;
    }
    var role = Role.parse(m.group(2));
    if (role.isEmpty()) {
      if (alreadyLogged.add("role:" + path) && alreadyLogged.size() < 10_000) {
        log.warn("ignoring group '{}': '{}' is not a ModelGate role", path, m.group(2));
      }
      return;
    }
    teams.computeIfAbsent(m.group(1), t -> EnumSet.noneOf(Role.class)).add(role.get());
  }

  private static Set<String> realmRoles(JsonObject claims) {
    if (claims.getValue("realm_access") instanceof JsonObject ra && ra.getValue("roles") instanceof JsonArray roles) {
      Set<String> out = new java.util.HashSet<>();
      roles.forEach(r -> out.add(String.valueOf(r)));
      return out;
    }
    return Set.of();
  }

  private static String firstString(JsonObject claims, String... names) {
    for (String n : names) {
      if (claims.getValue(n) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return "unknown";
  }
}
