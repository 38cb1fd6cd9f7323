package dev.modelgate.access;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * A per-user counter in the store ({@code access_epochs}, one small document per user name, read by
 * {@code _id}) that every change to what a person may do bumps: a change of team roles or removal from a
 * team, an API token's revocation, a sign-out that revokes single-sign-on tokens. Each replica caches
 * principals with the epoch they were built under and checks it on every request, so a change made through
 * any replica takes effect at the next request everywhere, while the slow parts (password hash, RS256,
 * building the principal) stay cached.
 *
 * <p>Order matters for that promise: a cache reads the epoch before the data it builds from, and a change
 * writes its data before bumping. A principal is then never tagged with an epoch newer than its data.
 */
public final class AccessEpochs {

  /** The user's current epoch, and the instant up to which their OIDC tokens are revoked (sign-out). */
  public record Epoch(long value, Optional<Instant> oidcTokensRevokedUpTo) {

    public static final Epoch NONE = new Epoch(0, Optional.empty());
  }

  private final MongoCollection<Document> epochs;

  public AccessEpochs(Store store) {
    this.epochs = store.collection("access_epochs");
  }

  /** One lookup by {@code _id}; a user who never had a change is at epoch 0. */
  public Epoch current(String username) {
    Document d = epochs.find(eq("_id", username)).projection(Projections.include("epoch", "oidcRevokedUpTo"))
        .first();
    if (d == null) {
      return Epoch.NONE;
    }
    Number n = d.get("epoch", Number.class);
    Date revoked = d.getDate("oidcRevokedUpTo");
    return new Epoch(n == null ? 0 : n.longValue(), Optional.ofNullable(revoked).map(Date::toInstant));
  }

  /** Call after writing the change: every cached principal of the user is stale from now on. */
  public void changed(String username) {
    epochs.updateOne(eq("_id", username), Updates.inc("epoch", 1L), new UpdateOptions().upsert(true));
  }

  /** Revokes the user's single-sign-on access tokens issued before {@code at}'s second (a sign-out), and bumps. */
  public void revokeOidcTokens(String username, Instant at) {
    epochs.updateOne(eq("_id", username), Updates.combine(Updates.inc("epoch", 1L),
        Updates.max("oidcRevokedUpTo", Date.from(at))), new UpdateOptions().upsert(true));
  }
}
