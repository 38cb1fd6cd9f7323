package dev.modelgate.access.tokens;

import dev.modelgate.access.AccessEpochs;
import dev.modelgate.access.Authenticator;
import dev.modelgate.access.ExpiringCache;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Personal API tokens for CI: created by their owner for one team with a subset of the owner's roles there,
 * shown once as {@code mgp_<random>}, stored as SHA-256 only, listed and revoked by the owner. As a
 * {@link Authenticator.BearerVerifier} it turns a presented {@code mgp_} token into a principal holding
 * exactly the token's roles (further narrowed to the owner's current roles when the owner is a local
 * account). A checked token is cached with its owner's {@link AccessEpochs access epoch}, which every
 * request compares (one lookup by key): a revocation, or a change of the owner's roles, made through any
 * replica applies at the next request; without a change a cached check serves up to {@link #CACHE_TTL}.
 */
public final class ApiTokens implements Authenticator.BearerVerifier {

  public static final String PREFIX = "mgp_";
  public static final Duration CACHE_TTL = Duration.ofSeconds(30);

  /** A freshly created token and its value, which is shown once and then only its hash exists. */
  public record Issued(ApiToken token, String value) {}

  private record Checked(String tokenId, String owner, long epoch, Principal principal) {}

  private final ApiTokenRepository repository;
  private final Predicate<String> teamExists;
  /** The owner's current principal when the owner is a local account (empty for single-sign-on users). */
  private final Function<String, Optional<Principal>> localOwner;
  private final AccessEpochs epochs;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ExpiringCache<String, Checked> cache;

  public ApiTokens(ApiTokenRepository repository, Predicate<String> teamExists,
      Function<String, Optional<Principal>> localOwner, AccessEpochs epochs, AuditTrail audit, Clock clock) {
    this.repository = repository;
    this.epochs = epochs;
    this.teamExists = teamExists;
    this.localOwner = localOwner;
    this.audit = audit;
    this.clock = clock;
    this.cache = new ExpiringCache<>(CACHE_TTL, 50_000, clock);
  }

  public void ensureIndexes() {
    repository.ensureIndexes();
  }

  public Issued create(Principal creator, NewApiToken request) {
    if ("api-token".equals(creator.source())) {
      throw Refusal.forbidden("an API token cannot create API tokens; sign in as yourself");
    }
    Set<Role> held = creator.rolesIn(request.team());
    if (!held.containsAll(request.roles())) {
      Set<Role> missing = EnumSet.copyOf(request.roles());
      missing.removeAll(held);
      throw Refusal.forbidden("a token cannot carry roles you do not hold: you lack "
          + missing.stream().map(Role::id).sorted().collect(Collectors.joining(", ")) + " in team '"
          + request.team() + "'");
    }
    if (!teamExists.test(request.team())) {
      throw Refusal.unacceptable("team", "no team '" + request.team() + "'");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    ApiToken token = new ApiToken(Ids.newId(), creator.username(), request.name(), request.team(),
        EnumSet.copyOf(request.roles()), now, now.plus(Duration.ofDays(request.expiresInDays())), Optional.empty());
    repository.insert(token, hash(value));
    audit.record(new AuditEvent(creator.username(), "api-token.created", token.team(), "api-token", token.id(),
        Map.of("name", token.name(), "roles", token.roles().stream().map(Role::id).sorted().toList(),
            "expiresAt", token.expiresAt().toString())));
    return new Issued(token, value);
  }

  /** Whether {@code t} authenticates now, by this service's clock (the pages show it). */
  public boolean usableNow(ApiToken t) {
    return t.usableAt(clock.instant());
  }

  public List<ApiToken> ownedBy(Principal owner) {
    return repository.byOwner(owner.username());
  }

  public void revoke(Principal owner, String id) {
    if (!Ids.isValid(id) || !repository.revoke(id, owner.username(), clock.instant())) {
      throw Refusal.notFound("no API token '" + id + "' of yours");
    }
    epochs.changed(owner.username());
    cache.removeIf((hash, checked) -> checked.tokenId().equals(id));
    audit.record(new AuditEvent(owner.username(), "api-token.revoked", null, "api-token", id, Map.of()));
  }

  @Override
  public Optional<Principal> verify(String value) {
    if (!value.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = hash(value);
    Optional<Checked> cached = cache.get(hash);
    if (cached.isPresent() && cached.get().epoch() == epochs.current(cached.get().owner()).value()) {
      return Optional.of(cached.get().principal());
    }
    cache.remove(hash);
    Optional<ApiToken> found = repository.byHash(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    // The epoch is read before the token and the owner it is cached with (read again): never newer than them.
    long epoch = epochs.current(found.get().owner()).value();
    found = repository.byHash(hash);
    Instant now = clock.instant();
    if (found.isEmpty() || !found.get().usableAt(now)) {
      return Optional.empty();
    }
    ApiToken t = found.get();
    Set<Role> roles = EnumSet.copyOf(t.roles());
    Optional<Principal> owner = localOwner.apply(t.owner());
    owner.ifPresent(o -> roles.retainAll(o.rolesIn(t.team())));
    String displayName = owner.map(Principal::displayName).orElse(t.owner()) + " (token '" + t.name() + "')";
    Principal p = new Principal(t.owner(), displayName, false, roles.isEmpty() ? Map.of() : Map.of(t.team(), roles),
        "api-token");
    cache.put(hash, new Checked(t.id(), t.owner(), epoch, p), t.expiresAt().toEpochMilli());
    return Optional.of(p);
  }

  static String hash(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
