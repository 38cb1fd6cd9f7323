package dev.modelgate.access.tokens;

import dev.modelgate.access.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A personal API token: its owner, one team and the roles it carries there (never more than the owner
 * held when creating it). The token's value is not part of it: only its SHA-256 is stored.
 */
public record ApiToken(String id, String owner, String name, String team, Set<Role> roles, Instant createdAt,
    Instant expiresAt, Optional<Instant> revokedAt) {

  public boolean usableAt(Instant now) {
    return revokedAt.isEmpty() && now.isBefore(expiresAt);
  }
}
