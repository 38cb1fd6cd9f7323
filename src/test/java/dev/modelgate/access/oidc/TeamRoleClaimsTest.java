package dev.modelgate.access.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Group paths to team roles: exact paths only, unknown roles ignored, unknown teams reported. */
class TeamRoleClaimsTest {

  final List<String> reported = new ArrayList<>();
  final TeamRoleClaims claims = new TeamRoleClaims("groups", Set.of("fraud-detection", "credit-risk")::contains,
      reported::add);

  @Test
  void mapsGroupPathsToTeamRoles() {
    Principal p = claims.principal(new JsonObject().put("preferred_username", "heidi").put("name", "Heidi B")
        .put("groups", new JsonArray(List.of("/teams/fraud-detection/product", "/teams/credit-risk/lead",
            "/teams/credit-risk/engineer", "/teams", "/teams/fraud-detection", "/other/fraud-detection/lead",
            "/teams/fraud-detection/lead/extra"))));
    assertEquals("heidi", p.username());
    assertEquals("Heidi B", p.displayName());
    assertEquals(Map.of("fraud-detection", Set.of(Role.PRODUCT), "credit-risk", Set.of(Role.LEAD, Role.ENGINEER)),
        p.teamRoles());
    assertFalse(p.admin());
    assertEquals("oidc", p.source());
    assertTrue(reported.isEmpty());
  }

  @Test
  void ignoresUnknownRolesAndReportsUnknownTeams() {
    Principal p = claims.principal(new JsonObject().put("preferred_username", "x")
        .put("groups", new JsonArray(List.of("/teams/fraud-detection/superuser", "/teams/fraud-detection/admin",
            "/teams/new-team/engineer"))));
    assertTrue(p.rolesIn("fraud-detection").isEmpty(), "unknown roles never widen");
    assertFalse(p.admin(), "a team group named admin is not the platform admin");
    assertEquals(List.of("new-team"), reported);
  }

  @Test
  void realmRoleMakesThePlatformAdmin() {
    Principal p = claims.principal(new JsonObject().put("preferred_username", "grace")
        .put("realm_access", new JsonObject().put("roles", new JsonArray(List.of("offline_access",
            "modelgate-admin")))));
    assertTrue(p.admin());
    Principal q = claims.principal(new JsonObject().put("preferred_username", "grace")
        .put("resource_access", new JsonObject().put("modelgate", new JsonObject()
            .put("roles", new JsonArray(List.of("modelgate-admin"))))));
    assertFalse(q.admin(), "only the realm role counts");
  }

  @Test
  void readsAConfiguredClaimName() {
    TeamRoleClaims custom = new TeamRoleClaims("mg_groups", t -> true, t -> { });
    Principal p = custom.principal(new JsonObject().put("preferred_username", "x")
        .put("groups", new JsonArray(List.of("/teams/fraud-detection/lead")))
        .put("mg_groups", new JsonArray(List.of("/teams/fraud-detection/viewer"))));
    assertEquals(Set.of(Role.VIEWER), p.rolesIn("fraud-detection"));
  }
}
