package dev.modelgate.access.tokens;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.access.Role;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * API tokens, keyed by id; the SHA-256 of the value has a unique index, so checking a presented token is
 * one lookup by unique key. The value itself is never stored.
 */
public final class ApiTokenRepository {

  static final String COLLECTION = "api_tokens";
  private final MongoCollection<Document> tokens;

  public ApiTokenRepository(Store store) {
    this.tokens = store.collection(COLLECTION);
  }

  public void ensureIndexes() {
    // Hot path: every request with an mgp_ token looks its hash up.
    tokens.createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true).name("hash_unique"));
    // "My tokens" (rare; a scan on the embedded store, an index on MongoDB).
    tokens.createIndex(Indexes.ascending("owner", "_id"), new IndexOptions().name("owner_id"));
  }

  public void insert(ApiToken t, String hash) {
    tokens.insertOne(new Document("_id", t.id())
        .append("hash", hash)
        .append("owner", t.owner())
        .append("name", t.name())
        .append("team", t.team())
        .append("roles", t.roles().stream().map(Role::id).sorted().toList())
        .append("createdAt", Date.from(t.createdAt()))
        .append("expiresAt", Date.from(t.expiresAt()))
        .append("revokedAt", null));
  }

  public Optional<ApiToken> byHash(String hash) {
    return Optional.ofNullable(tokens.find(eq("hash", hash)).first()).map(ApiTokenRepository::toToken);
  }

  public List<ApiToken> byOwner(String owner) {
    List<ApiToken> out = new ArrayList<>();
    for (Document d : tokens.find(eq("owner", owner)).sort(Sorts.ascending("_id")).limit(1000)) {
      out.add(toToken(d));
    }
    return out;
  }

  /** Marks the owner's token revoked; false when there is no such token of that owner. */
  public boolean revoke(String id, String owner, Instant at) {
    return tokens.updateOne(and(eq("_id", id), eq("owner", owner)),
        Updates.set("revokedAt", Date.from(at))).getMatchedCount() == 1;
  }

  private static ApiToken toToken(Document d) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object r : d.getList("roles", Object.class, List.of())) {
      Role.parse(String.valueOf(r)).ifPresent(roles::add);
    }
    Date revoked = d.getDate("revokedAt");
    return new ApiToken(d.getString("_id"), d.getString("owner"), d.getString("name"), d.getString("team"), roles,
        d.getDate("createdAt").toInstant(), d.getDate("expiresAt").toInstant(),
        Optional.ofNullable(revoked).map(Date::toInstant));
  }
}
