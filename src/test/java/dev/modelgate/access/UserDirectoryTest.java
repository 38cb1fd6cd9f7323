package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.store.Store;
import dev.modelgate.support.MovableClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user directory on the embedded store: what it records, when it writes, and who it says holds a role. */
class UserDirectoryTest {

  static Store store;
  static AccountRepository accounts;
  static MovableClock clock = new MovableClock();

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "directory", Files.createTempDirectory("modelgate-directory-"));
    accounts = new AccountRepository(store);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static Principal sso(String user, String team, Role... roles) {
    return new Principal(user, "Name of " + user, false,
        team == null ? Map.of() : Map.of(team, EnumSet.of(roles[0], roles)), "oidc", user + "@example.test");
  }

  @Test
  void recordsSsoUsersWithRolesAndEmail() {
    UserDirectory d = new UserDirectory(store, accounts, clock);
    d.seen(sso("ada", "t1", Role.ENGINEER, Role.LEAD));
    DirectoryEntry e = d.find("ada").orElseThrow();
    assertEquals("Name of ada", e.displayName());
    assertEquals("ada@example.test", e.email());
    assertEquals("oidc", e.source());
    assertEquals(EnumSet.of(Role.ENGINEER, Role.LEAD), e.rolesIn("t1"));
    assertTrue(d.isMember("t1", "ada"));
    assertFalse(d.isMember("t2", "ada"));
    assertFalse(d.isMember("t1", "never-signed-in"), "an SSO user who never signed in is unknown");
    assertEquals(Set.of("ada"), d.holders("t1", Role.ENGINEER));
    assertEquals(Set.of("ada"), d.holders("t1", "lead"));
    assertEquals(Set.of(), d.holders("t1", Role.VIEWER));
    assertEquals(Set.of(), d.holders("t1", "no-such-role"));
  }

  @Test
  void writesOnlyWhenSomethingChangedOrLastSeenIsStale() {
    UserDirectory d = new UserDirectory(store, accounts, clock);
    d.seen(sso("bea", "t3", Role.VIEWER));
    Instant first = d.find("bea").orElseThrow().lastSeen();
    clock.advance(Duration.ofMinutes(1));
    d.seen(sso("bea", "t3", Role.VIEWER));
    assertEquals(first, d.find("bea").orElseThrow().lastSeen(), "same identity within the granularity: no write");
    // A second directory (another replica, or a restart) with a cold cache still does not write.
    new UserDirectory(store, accounts, clock).seen(sso("bea", "t3", Role.VIEWER));
    assertEquals(first, d.find("bea").orElseThrow().lastSeen());

    clock.advance(Duration.ofMinutes(1));
    d.seen(sso("bea", "t3", Role.PRODUCT));
    DirectoryEntry changed = d.find("bea").orElseThrow();
    assertEquals(EnumSet.of(Role.PRODUCT), changed.rolesIn("t3"), "a role change is written at once");
    assertTrue(changed.lastSeen().isAfter(first));
    assertEquals(Set.of("bea"), d.holders("t3", Role.PRODUCT));
    assertEquals(Set.of(), d.holders("t3", Role.VIEWER), "the old role's list no longer names her");

    Instant second = changed.lastSeen();
    clock.advance(UserDirectory.LAST_SEEN_GRANULARITY.plusMinutes(1));
    d.seen(sso("bea", "t3", Role.PRODUCT));
    assertTrue(d.find("bea").orElseThrow().lastSeen().isAfter(second), "a stale last-seen time is refreshed");

    d.seen(sso("bea", null));
    assertFalse(d.isMember("t3", "bea"), "losing every role in the team is recorded");
    assertEquals(Set.of(), d.holders("t3", Role.PRODUCT));
  }

  @Test
  void apiTokensNeverChangeRecordedRoles() {
    UserDirectory d = new UserDirectory(store, accounts, clock);
    d.seen(sso("cy", "t4", Role.ENGINEER, Role.LEAD));
    Instant first = d.find("cy").orElseThrow().lastSeen();
    clock.advance(UserDirectory.LAST_SEEN_GRANULARITY.plusMinutes(1));
    new UserDirectory(store, accounts, clock).seen(
        new Principal("cy", "cy (token 'ci')", false, Map.of("t4", Set.of(Role.ENGINEER)), "api-token"));
    DirectoryEntry e = d.find("cy").orElseThrow();
    assertEquals(EnumSet.of(Role.ENGINEER, Role.LEAD), e.rolesIn("t4"));
    assertEquals("Name of cy", e.displayName());
    assertTrue(e.lastSeen().isAfter(first), "but the token's use counts as seen");
  }

  @Test
  void aLocalAccountsOwnRolesWinOverItsRecordedSignIn() {
    UserDirectory d = new UserDirectory(store, accounts, clock);
    accounts.insert(new Account("dan", "Dan", "x", false, Map.of("t5", Set.of(Role.COMPLIANCE)), Instant.EPOCH));
    accounts.insert(new Account("eli", "Eli", "x", false, Map.of(), Instant.EPOCH));
    d.seen(new Principal("eli", "Eli", false, Map.of("t5", Set.of(Role.COMPLIANCE)), "local"));
    // Since that sign-in an admin removed eli from the team: the account says so, the directory is stale.
    d.seen(sso("fay", "t5", Role.COMPLIANCE));
    assertEquals(Set.of("dan", "fay"), d.holders("t5", Role.COMPLIANCE));
    assertTrue(d.isMember("t5", "dan"), "a local account needs no sign-in to be known");
    assertFalse(d.isMember("t5", "eli"));
  }
}
