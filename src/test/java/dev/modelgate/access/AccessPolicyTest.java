package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.kernel.Refusal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  final AccessPolicy policy = new AccessPolicy();
  final Principal engineer = new Principal("e", "E", false, Map.of("a", Set.of(Role.ENGINEER)), "local");
  final Principal admin = new Principal("root", "R", true, Map.of(), "local");

  @Test
  void rolesCountOnlyInTheirOwnTeam() {
    assertTrue(policy.allows(engineer, Permission.MODEL_VERSION_REGISTER, Optional.of("a")));
    assertFalse(policy.allows(engineer, Permission.MODEL_VERSION_REGISTER, Optional.of("b")));
    assertFalse(policy.allows(engineer, Permission.PROJECT_CREATE, Optional.of("a")));
  }

  @Test
  void adminHoldsOnlyWhatIsGrantedToAdmin() {
    assertTrue(policy.allows(admin, Permission.TEAM_CREATE, Optional.empty()));
    assertTrue(policy.allows(admin, Permission.PROJECT_CREATE, Optional.of("a")));
    assertFalse(policy.allows(admin, Permission.MODEL_VERSION_REGISTER, Optional.of("a")));
    assertFalse(policy.allows(engineer, Permission.TEAM_CREATE, Optional.empty()));
  }

  @Test
  void denialsExplainWhatIsNeeded() {
    var d = policy.decide(engineer, Permission.PROJECT_CREATE, Optional.of("a"));
    AccessPolicy.Denied denied = assertInstanceOf(AccessPolicy.Denied.class, d);
    assertTrue(denied.reason().contains("lead"));
    assertTrue(denied.reason().contains("'a'"));
  }

  /** An outsider hears the caller's not-found; the admin and a member lacking the role hear the 403. */
  @Test
  void outsidersGetTheNotFoundMembersAndTheAdminThe403() {
    Refusal hidden = Refusal.notFound("no such thing");
    assertSame(hidden, assertThrows(Refusal.class, () ->
        policy.require(engineer, Permission.PROJECT_READ, Optional.of("b"), () -> hidden)));
    assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class, () ->
        policy.require(engineer, Permission.PROJECT_CREATE, Optional.of("a"), () -> hidden)).kind());
    assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class, () ->
        policy.require(admin, Permission.MODEL_VERSION_REGISTER, Optional.of("b"), () -> hidden)).kind());
    Refusal named = assertThrows(Refusal.class, () ->
        policy.require(engineer, Permission.PROJECT_READ, Optional.of("b")));
    assertEquals(Refusal.Kind.NOT_FOUND, named.kind());
    assertFalse(named.detail().contains("read"), "says nothing of what would be needed");
  }
}
