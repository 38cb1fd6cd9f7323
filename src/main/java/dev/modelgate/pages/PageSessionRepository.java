package dev.modelgate.pages;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.access.oidc.OidcClient;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** Browser sessions by the SHA-256 of their id (the document id): one lookup by unique key per request. */
public final class PageSessionRepository {

  private final MongoCollection<Document> sessions;

  public PageSessionRepository(Store store) {
    this.sessions = store.collection("page_sessions");
  }

  public void ensureIndexes() {
    // Real MongoDB removes expired sessions itself; reads check the expiry on both stores.
    sessions.createIndex(Indexes.ascending("expiresAt"),
        new IndexOptions().name("expires_ttl").expireAfter(0L, TimeUnit.SECONDS));
  }

  public Optional<PageSession> find(String idHash, Instant now) {
    Document d = sessions.find(eq("_id", idHash)).first();
    if (d == null) {
      return Optional.empty();
    }
    PageSession s = toSession(d);
    if (!s.expiresAt().isAfter(now)) {
      delete(idHash);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public void save(PageSession s) {
    Document d = new Document("_id", s.idHash())
        .append("csrf", s.csrfToken())
        .append("createdAt", Date.from(s.createdAt()))
        .append("expiresAt", Date.from(s.expiresAt()));
    s.principal().ifPresent(p -> d.append("principal", principalDoc(p)));
    s.tokens().ifPresent(t -> d.append("tokens", new Document("access", t.accessToken())
        .append("refresh", t.refreshToken().orElse(null))
        .append("id", t.idToken().orElse(null))
        .append("accessExpiresAt", Date.from(t.accessExpiresAt()))));
    s.pending().ifPresent(p -> d.append("pending", new Document("state", p.state())
        .append("verifier", p.codeVerifier()).append("nonce", p.nonce()).append("returnTo", p.returnTo())));
    sessions.replaceOne(eq("_id", s.idHash()), d, new ReplaceOptions().upsert(true));
  }

  /** Removes expired sessions (the embedded store has no TTL index); returns how many. */
  public long deleteExpired(Instant now) {
    return sessions.deleteMany(com.mongodb.client.model.Filters.lt("expiresAt", Date.from(now))).getDeletedCount();
  }

  public void delete(String idHash) {
    sessions.deleteOne(eq("_id", idHash));
  }

  private static Document principalDoc(Principal p) {
    Document teams = new Document();
    p.teamRoles().forEach((t, roles) -> teams.append(t, roles.stream().map(Role::id).sorted().toList()));
    return new Document("username", p.username()).append("displayName", p.displayName())
        .append("admin", p.admin()).append("teams", teams).append("source", p.source());
  }

  private static PageSession toSession(Document d) {
    Optional<Principal> principal = Optional.ofNullable(d.get("principal", Document.class)).map(p -> {
      Map<String, Set<Role>> teams = new HashMap<>();
      Document t = p.get("teams", Document.class);
      if (t != null) {
        for (String team : t.keySet()) {
          Set<Role> roles = EnumSet.noneOf(Role.class);
          for (Object r : t.getList(team, Object.class, List.of())) {
            Role.parse(String.valueOf(r)).ifPresent(roles::add);
          }
          teams.put(team, roles);
        }
      }
      return new Principal(p.getString("username"), p.getString("displayName"), p.getBoolean("admin", false), teams,
          p.getString("source"));
    });
    Optional<OidcClient.Tokens> tokens = Optional.ofNullable(d.get("tokens", Document.class))
        .map(t -> new OidcClient.Tokens(t.getString("access"), Optional.ofNullable(t.getString("refresh")),
            Optional.ofNullable(t.getString("id")), t.getDate("accessExpiresAt").toInstant()));
    Optional<PageSession.PendingLogin> pending = Optional.ofNullable(d.get("pending", Document.class))
        .map(p -> new PageSession.PendingLogin(p.getString("state"), p.getString("verifier"), p.getString("nonce"),
            p.getString("returnTo")));
    return new PageSession(d.getString("_id"), d.getString("csrf"), principal, tokens, pending,
        d.getDate("createdAt").toInstant(), d.getDate("expiresAt").toInstant());
  }
}
