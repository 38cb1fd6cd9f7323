package dev.modelgate.registry;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Teams, keyed by slug (the document id: unique, and every lookup is by that key). */
public final class TeamRepository {

  private final MongoCollection<Document> teams;

  public TeamRepository(Store store) {
    this.teams = store.collection("teams");
  }

  /** False when the slug is taken. */
  public boolean insert(Team t) {
    try {
      teams.insertOne(new Document("_id", t.slug())
          .append("name", t.name())
          .append("description", t.description())
          .append("createdBy", t.createdBy())
          .append("createdAt", Date.from(t.createdAt())));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<Team> find(String slug) {
    return Optional.ofNullable(teams.find(eq("_id", slug)).first()).map(TeamRepository::toTeam);
  }

  /** Teams in slug order after {@code after}; only those in {@code only} unless it is empty (all). */
  public List<Team> list(Optional<Collection<String>> only, Optional<String> after, int limit) {
    List<Bson> filters = new ArrayList<>();
    only.ifPresent(slugs -> filters.add(in("_id", slugs)));
    after.ifPresent(a -> filters.add(gt("_id", a)));
    Bson filter = filters.isEmpty() ? new Document() : and(filters);
    List<Team> out = new ArrayList<>();
    teams.find(filter).sort(Sorts.ascending("_id")).limit(limit).forEach(d -> out.add(toTeam(d)));
    return out;
  }

  private static Team toTeam(Document d) {
    return new Team(d.getString("_id"), d.getString("name"), d.getString("description"), d.getString("createdBy"),
        d.getDate("createdAt").toInstant());
  }
}
