package dev.modelgate.access;

import dev.modelgate.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everyone the server has seen sign in or call the API — local accounts, OIDC sessions, bearer JWTs and
 * API tokens — with their last known team roles, so mentions and "waiting for your role" notifications
 * reach single-sign-on users too.
 *
 * <p>Writes are rare: the last written state per user name is kept in a bounded in-memory cache, and the
 * store is written only when the identity changed (display name, e-mail, admin flag, team roles) or the
 * last-seen time is older than {@link #LAST_SEEN_GRANULARITY}. A hot API path costs a map lookup.
 *
 * <p>Limitation: a Keycloak user who has never signed in nor called the API is unknown here, and a Keycloak
 * user's roles are those of their last sign-in (group changes in Keycloak show up at their next request).
 * A local account's roles are always read from the account itself, which is authoritative.
 * API tokens never change recorded roles (a token carries a subset of its owner's roles).
 */
public final class UserDirectory {

  public static final Duration LAST_SEEN_GRANULARITY = Duration.ofMinutes(10);
  static final int CACHED_USERS = 20_000;
  private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

  private final DirectoryRepository repository;
  private final AccountRepository accounts;
  private final ExpiringCache<String, DirectoryEntry> written;
  private final Clock clock;

  public UserDirectory(Store store, AccountRepository accounts, Clock clock) {
    this.repository = new DirectoryRepository(store);
    this.accounts = accounts;
    this.clock = clock;
    this.written = new ExpiringCache<>(LAST_SEEN_GRANULARITY, CACHED_USERS, clock);
  }

  /** Records that {@code p} was seen now; writes only when something changed. Never fails the caller. */
  public void seen(Principal p) {
    try {
      record(p);
    } catch (RuntimeException e) {
      log.warn("could not record '{}' in the user directory: {}", p.username(), e.toString());
    }
  }

  private void record(Principal p) {
    Instant now = clock.instant();
    Optional<DirectoryEntry> cached = written.get(p.username());
    boolean byToken = "api-token".equals(p.source());
    if (cached.isPresent() && (byToken || cached.get().sameIdentity(entryOf(p, now, cached.get())))) {
      return;
    }
    DirectoryEntry before = cached.or(() -> repository.find(p.username())).orElse(null);
    DirectoryEntry next = byToken && before != null
        ? new DirectoryEntry(before.username(), before.displayName(), before.email(), before.admin(),
            before.teamRoles(), before.source(), now)
        : entryOf(p, now, before);
    if (before != null && before.sameIdentity(next)
        && before.lastSeen().isAfter(now.minus(LAST_SEEN_GRANULARITY))) {
      written.put(p.username(), before);
      return;
    }
    repository.save(next);
    for (String team : changedTeams(before, next)) {
      repository.setTeamMembership(team, next.username(), next.rolesIn(team));
    }
    written.put(p.username(), next);
  }

  /** The entry a principal gives; an e-mail the principal does not carry keeps the one known before. */
  private static DirectoryEntry entryOf(Principal p, Instant now, DirectoryEntry before) {
    String email = p.email() != null ? p.email() : before == null ? null : before.email();
    return new DirectoryEntry(p.username(), p.displayName(), email, p.admin(), p.teamRoles(), p.source(), now);
  }

  private static Set<String> changedTeams(DirectoryEntry before, DirectoryEntry next) {
    Map<String, Set<Role>> old = before == null ? Map.of() : before.teamRoles();
    Set<String> teams = new TreeSet<>(old.keySet());
    teams.addAll(next.teamRoles().keySet());
    teams.removeIf(t -> old.getOrDefault(t, Set.of()).equals(next.rolesIn(t)));
    return teams;
  }

  public Optional<DirectoryEntry> find(String username) {
    return repository.find(username);
  }

  /**
   * Whether {@code username} holds any role in {@code team}: a local account's current roles, otherwise
   * the roles recorded at the person's last sign-in. Unknown people see nothing.
   */
  public boolean isMember(String team, String username) {
    Optional<Account> local = accounts.find(username);
    if (local.isPresent()) {
      return !local.get().teamRoles().getOrDefault(team, Set.of()).isEmpty();
    }
    return repository.find(username).map(e -> !e.rolesIn(team).isEmpty()).orElse(false);
  }

  /** Who holds {@code role} in {@code team}: local accounts and recorded single-sign-on users. */
  public Set<String> holders(String team, Role role) {
    Set<String> out = new LinkedHashSet<>();
    for (Account a : accounts.membersOf(team)) {
      if (a.teamRoles().getOrDefault(team, Set.of()).contains(role)) {
        out.add(a.username());
      }
    }
    Set<String> recorded = new HashSet<>(repository.holders(team, role));
    recorded.removeAll(out);
    for (String user : new TreeSet<>(recorded)) {
      // A local account decides its own roles, even when its recorded sign-in said otherwise.
      if (accounts.find(user).isEmpty()) {
        out.add(user);
      }
    }
    return out;
  }

  /** {@link #holders(String, Role)} for a role id; unknown role ids have no holders. */
  public Set<String> holders(String team, String roleId) {
    return Role.parse(roleId).map(r -> holders(team, r)).orElse(Set.of());
  }
}
