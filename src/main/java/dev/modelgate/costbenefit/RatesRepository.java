package dev.modelgate.costbenefit;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import dev.modelgate.access.Role;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Hourly rates in their own collection {@code team_rates}, keyed by team slug, so they do not collide
 * with other team settings; a PUT replaces the team's document in one write.
 */
public final class RatesRepository {

  private final MongoCollection<Document> rates;

  public RatesRepository(Store store) {
    this.rates = store.collection("team_rates");
  }

  public void save(TeamRates r) {
    Document hourly = new Document();
    r.hourly().forEach((role, rate) -> hourly.append(role.id(), rate));
    rates.replaceOne(eq("_id", r.team()), new Document("_id", r.team()).append("currency", r.currency())
        .append("hourly", hourly).append("updatedBy", r.updatedBy()).append("updatedAt", Date.from(r.updatedAt())),
        new ReplaceOptions().upsert(true));
  }

  public Optional<TeamRates> find(String team) {
    Document d = rates.find(eq("_id", team)).first();
    if (d == null) {
      return Optional.empty();
    }
    Map<Role, Double> hourly = new EnumMap<>(Role.class);
    Document h = d.get("hourly", Document.class);
    if (h != null) {
      h.forEach((k, v) -> Role.parse(k).ifPresent(role -> hourly.put(role, ((Number) v).doubleValue())));
    }
    Date at = d.getDate("updatedAt");
    return Optional.of(new TeamRates(team, d.getString("currency"), hourly, d.getString("updatedBy"),
        at == null ? Instant.EPOCH : at.toInstant()));
  }
}
