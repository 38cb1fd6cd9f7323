package dev.modelgate.workflow.settings;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import dev.modelgate.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** One settings document per team, keyed by the team slug; a save replaces it whole. */
public final class TeamSettingsRepository {

  private final MongoCollection<Document> settings;

  public TeamSettingsRepository(Store store) {
    this.settings = store.collection("team_settings");
  }

  public Optional<TeamSettings> find(String team) {
    return Optional.ofNullable(settings.find(eq("_id", team)).first()).map(TeamSettingsRepository::fromDocument);
  }

  public void save(TeamSettings s) {
    settings.replaceOne(eq("_id", s.team()), toDocument(s), new ReplaceOptions().upsert(true));
  }

  static Document toDocument(TeamSettings s) {
    GatePolicy g = s.gate();
    Document gate = new Document("minimums", new Document(new LinkedHashMap<>(g.minimums())))
        .append("maximums", new Document(new LinkedHashMap<>(g.maximums())))
        .append("maxRegression", new Document(new LinkedHashMap<>(g.maxRegression())))
        .append("maxSegmentRegression", new Document(new LinkedHashMap<>(g.maxSegmentRegression())))
        .append("fairness", g.fairness() == null ? null
            : new Document("metric", g.fairness().metric()).append("maxGap", g.fairness().maxGap()))
        .append("requiredSegments", g.requiredSegments())
        .append("lowerIsBetter", new ArrayList<>(g.lowerIsBetter()));
    return new Document("_id", s.team())
        .append("gate", gate)
        .append("complianceOfficers", s.complianceOfficers())
        .append("reminderInterval", s.reminderInterval().toString())
        .append("canaryWindow", s.canaryWindow().toString())
        .append("canaryMaxRegression", new Document(new LinkedHashMap<>(s.canaryMaxRegression())))
        .append("webhookUrl", s.webhookUrl())
        .append("webhookSecret", s.webhookSecret())
        .append("updatedBy", s.updatedBy())
        .append("updatedAt", s.updatedAt() == null ? null : Date.from(s.updatedAt()));
  }

  static TeamSettings fromDocument(Document d) {
    Document g = d.get("gate", Document.class);
    Document f = g.get("fairness", Document.class);
    GatePolicy gate = new GatePolicy(numbers(g, "minimums"), numbers(g, "maximums"), numbers(g, "maxRegression"),
        numbers(g, "maxSegmentRegression"),
        f == null ? null : new GatePolicy.Fairness(f.getString("metric"), f.get("maxGap", Number.class).doubleValue()),
        g.getList("requiredSegments", String.class, List.of()),
        new LinkedHashSet<>(g.getList("lowerIsBetter", String.class, List.of())));
    Date updated = d.getDate("updatedAt");
    return new TeamSettings(d.getString("_id"), gate, d.getInteger("complianceOfficers"),
        Duration.parse(d.getString("reminderInterval")), Duration.parse(d.getString("canaryWindow")),
        numbers(d, "canaryMaxRegression"), d.getString("webhookUrl"), d.getString("webhookSecret"),
        d.getString("updatedBy"), updated == null ? null : updated.toInstant());
  }

  private static Map<String, Double> numbers(Document parent, String key) {
    Map<String, Double> out = new LinkedHashMap<>();
    Document d = parent.get(key, Document.class);
    if (d != null) {
      d.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
    }
    return out;
  }
}
