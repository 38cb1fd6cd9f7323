package dev.modelgate.notify.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Webhooks, one document per team ({@code _id} = team slug) holding that team's hooks by id: publishing an
 * event reads the team's hooks with one lookup by key, and every change to a hook (failure count,
 * disabling, removal) is one single-document update. Updates of one hook are conditional on the hook still
 * existing, so a delivery finishing after a removal cannot bring a half hook back.
 */
public final class WebhookRepository {

  private final MongoCollection<Document> teams;

  public WebhookRepository(Store store) {
    this.teams = store.collection("webhooks");
  }

  public void add(Webhook w) {
    teams.updateOne(new Document("_id", w.team()), Updates.set("hooks." + w.id(), new Document("url", w.url())
        .append("secret", w.secret()).append("events", w.events()).append("active", w.active())
        .append("failures", w.consecutiveFailures()).append("disabledAt", null).append("disabledReason", null)
        .append("createdBy", w.createdBy()).append("createdAt", Date.from(w.createdAt()))),
        new UpdateOptions().upsert(true));
  }

  public List<Webhook> list(String team) {
    Document d = teams.find(new Document("_id", team)).first();
    List<Webhook> out = new ArrayList<>();
    if (d != null) {
      Document hooks = d.get("hooks", Document.class);
      if (hooks != null) {
        hooks.forEach((id, h) -> out.add(webhook(team, id, (Document) h)));
      }
    }
    out.sort(Comparator.comparing(Webhook::id));
    return out;
  }

  public Optional<Webhook> find(String team, String id) {
    return list(team).stream().filter(w -> w.id().equals(id)).findFirst();
  }

  public boolean remove(String team, String id) {
    return teams.updateOne(exists(team, id), Updates.unset("hooks." + id)).getModifiedCount() == 1;
  }

  public void recordSuccess(String team, String id) {
    teams.updateOne(exists(team, id), Updates.set("hooks." + id + ".failures", 0));
  }

  /** Counts one more consecutive failure; returns the new count (0 when the hook is gone). */
  public int recordFailure(String team, String id) {
    // "Before" plus one: see BucketedList.allocate for why not ReturnDocument.AFTER on the embedded store.
    Document before = teams.findOneAndUpdate(exists(team, id), Updates.inc("hooks." + id + ".failures", 1),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    if (before == null) {
      return 0;
    }
    Document hook = before.get("hooks", Document.class).get(id, Document.class);
    return ((Number) hook.get("failures")).intValue() + 1;
  }

  public void disable(String team, String id, Instant at, String reason) {
    teams.updateOne(exists(team, id), Updates.combine(Updates.set("hooks." + id + ".active", false),
        Updates.set("hooks." + id + ".disabledAt", Date.from(at)),
        Updates.set("hooks." + id + ".disabledReason", reason)));
  }

  /** Switches a disabled webhook back on with a clean failure count; false when it does not exist. */
  public boolean enable(String team, String id) {
    return teams.updateOne(exists(team, id), Updates.combine(Updates.set("hooks." + id + ".active", true),
        Updates.set("hooks." + id + ".failures", 0), Updates.set("hooks." + id + ".disabledAt", null),
        Updates.set("hooks." + id + ".disabledReason", null))).getMatchedCount() == 1;
  }

  private static Document exists(String team, String id) {
    return new Document("_id", team).append("hooks." + id, new Document("$exists", true));
  }

  private static Webhook webhook(String team, String id, Document h) {
    Date disabled = h.getDate("disabledAt");
    return new Webhook(id, team, h.getString("url"), h.getString("secret"), h.getList("events", String.class, List.of()),
        h.getBoolean("active", true), ((Number) h.get("failures")).intValue(),
        disabled == null ? null : disabled.toInstant(), h.getString("disabledReason"), h.getString("createdBy"),
        h.getDate("createdAt").toInstant());
  }
}
