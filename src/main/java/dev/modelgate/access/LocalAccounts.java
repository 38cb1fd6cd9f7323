package dev.modelgate.access;

import dev.modelgate.kernel.PasswordRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Local accounts: creation with a PBKDF2 hash, and password verification. A verified credential is
 * remembered for a few minutes under the SHA-256 of the credential (never the credential itself), so an
 * API client sending HTTP Basic on every request pays for the slow hash once. Cached credentials and
 * principals carry the user's {@link AccessEpochs access epoch} and are used only while it is unchanged
 * (one lookup by key per request): a change of roles made through any replica applies at the next request.
 */
public final class LocalAccounts {

  public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

  /** A credential that matched {@code passwordHash}; the principal is the one built at {@code epoch}. */
  private record Verified(String passwordHash, long epoch, Principal principal) {}

  private record Built(long epoch, Principal principal) {}

  private final AccountRepository repository;
  private final PasswordHasher hasher;
  private final AccessEpochs epochs;
  private final ExpiringCache<String, Verified> verifiedCredentials;
  private final ExpiringCache<String, Built> principals;
  private final Clock clock;

  public LocalAccounts(AccountRepository repository, PasswordHasher hasher, AccessEpochs epochs, Clock clock) {
    this.repository = repository;
    this.hasher = hasher;
    this.epochs = epochs;
    this.clock = clock;
    this.verifiedCredentials = new ExpiringCache<>(Duration.ofMinutes(5), 10_000, clock);
    this.principals = new ExpiringCache<>(Duration.ofMinutes(5), 10_000, clock);
  }

  /** Creates an account; false when the name is taken. */
  public boolean create(String username, String displayName, char[] password, boolean admin,
      Map<String, Set<Role>> teamRoles) {
    String hash = hasher.hash(password);
    return repository.insert(new Account(username, displayName, hash, admin, teamRoles, Instant.now(clock)));
  }

  public boolean exists(String username) {
    return repository.find(username).isPresent();
  }

  /**
   * The principal for a user name and password, or empty when they do not match an account. A remembered
   * credential costs one epoch lookup; after a change to the account it is re-checked against the stored
   * hash (unchanged hash: no slow hashing again). A password with a control character never matches.
   */
  public Optional<Principal> verify(String username, char[] password) {
    if (PasswordRules.hasControlCharacters(password)) {
      return Optional.empty();
    }
    String key = credentialKey(username, password);
    AccessEpochs.Epoch epoch = epochs.current(username);
    Optional<Verified> known = verifiedCredentials.get(key);
    if (known.isPresent() && known.get().epoch() == epoch.value()) {
      return Optional.of(known.get().principal());
    }
    Optional<Account> account = repository.find(username);
    if (account.isEmpty()) {
      verifiedCredentials.remove(key);
      hasher.verifyDecoy(password);
      return Optional.empty();
    }
    boolean sameHash = known.isPresent() && known.get().passwordHash().equals(account.get().passwordHash());
    if (!sameHash && !hasher.verify(password, account.get().passwordHash())) {
      verifiedCredentials.remove(key);
      return Optional.empty();
    }
    Principal p = account.get().principal();
    verifiedCredentials.put(key, new Verified(account.get().passwordHash(), epoch.value(), p));
    principals.put(username, new Built(epoch.value(), p));
    return Optional.of(p);
  }

  /** The current principal of a user: cached, but never across a change of the account (epoch checked). */
  public Optional<Principal> principal(String username) {
    long epoch = epochs.current(username).value();
    Optional<Built> cached = principals.get(username);
    if (cached.isPresent() && cached.get().epoch() == epoch) {
      return Optional.of(cached.get().principal());
    }
    Optional<Principal> fresh = repository.find(username).map(Account::principal);
    if (fresh.isPresent()) {
      principals.put(username, new Built(epoch, fresh.get()));
    } else {
      principals.remove(username);
    }
    return fresh;
  }

  /** Sets (or, with no roles, removes) the user's roles in a team; every replica's caches of them go stale. */
  public boolean setTeamRoles(String username, String team, Set<Role> roles) {
    boolean found = repository.setTeamRoles(username, team, roles);
    if (found) {
      epochs.changed(username);
    }
    principals.remove(username);
    return found;
  }

  private static String credentialKey(String username, char[] password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(username.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
