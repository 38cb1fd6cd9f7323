package dev.modelgate.access;

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
 * API client sending HTTP Basic on every request pays for the slow hash once.
 */
public final class LocalAccounts {

  public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

  private final AccountRepository repository;
  private final PasswordHasher hasher;
  private final ExpiringCache<String, String> verifiedCredentials;
  private final ExpiringCache<String, Principal> principals;
  private final Clock clock;

  public LocalAccounts(AccountRepository repository, PasswordHasher hasher, Clock clock) {
    this.repository = repository;
    this.hasher = hasher;
    this.clock = clock;
    this.verifiedCredentials = new ExpiringCache<>(Duration.ofMinutes(5), 10_000, clock);
    this.principals = new ExpiringCache<>(Duration.ofSeconds(5), 10_000, clock);
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

  /** The principal for a user name and password, or empty when they do not match an account. */
  public Optional<Principal> verify(String username, char[] password) {
    String key = credentialKey(username, password);
    Optional<String> known = verifiedCredentials.get(key);
    if (known.isPresent()) {
      return principal(known.get());
    }
    Optional<Account> account = repository.find(username);
    if (account.isEmpty()) {
      hasher.verifyDecoy(password);
      return Optional.empty();
    }
    if (!hasher.verify(password, account.get().passwordHash())) {
      return Optional.empty();
    }
    verifiedCredentials.put(key, username);
    Principal p = account.get().principal();
    principals.put(username, p);
    return Optional.of(p);
  }

  /** The current principal of a user, with roles at most a few seconds old. */
  public Optional<Principal> principal(String username) {
    Optional<Principal> cached = principals.get(username);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<Principal> fresh = repository.find(username).map(Account::principal);
    fresh.ifPresent(p -> principals.put(username, p));
    return fresh;
  }

  public boolean setTeamRoles(String username, String team, Set<Role> roles) {
    boolean found = repository.setTeamRoles(username, team, roles);
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
