package dev.modelgate.notify.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.BucketedList;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Where deliveries live. The delivery log of each webhook is a bucketed list (page documents keyed by
 * webhook + page, a counter document per webhook allocating positions). Deliveries not finished yet also
 * have an entry in the outbox, a small collection the dispatcher polls; it survives restarts, and a lease
 * on each entry keeps two replicas from sending the same attempt.
 */
public final class WebhookDeliveries {

  public static final int PAGE_SIZE = 50;

  /** A pending delivery as the dispatcher sees it. */
  public record Pending(String deliveryId, String team, String webhookId, long position, String event, String body,
      int attempts) {}

  private final MongoCollection<Document> counters;
  private final BucketedList log;
  private final MongoCollection<Document> outbox;

  public WebhookDeliveries(Store store) {
    this.counters = store.collection("webhook_delivery_counters");
    this.log = new BucketedList(store.collection("webhook_delivery_pages"), PAGE_SIZE);
    this.outbox = store.collection("webhook_outbox");
  }

  public void ensureIndexes() {
    log.ensureIndexes();
  }

  /** Records a new pending delivery in the log and the outbox; returns its id. */
  public String enqueue(String team, String webhookId, String event, java.util.function.LongFunction<String> body,
      Instant now) {
    long pos = BucketedList.allocate(counters, webhookId, "seq", true).orElseThrow();
    String id = webhookId + "-" + pos;
    String text = body.apply(pos);
    log.put(webhookId, pos, new Document("deliveryId", id).append("event", event).append("state", "pending")
        .append("createdAt", Date.from(now)).append("attempts", List.of()));
    outbox.insertOne(new Document("_id", id).append("team", team).append("webhookId", webhookId)
        .append("pos", pos).append("event", event).append("body", text).append("attempts", 0)
        .append("nextAttemptAt", Date.from(now)).append("leaseUntil", new Date(0)));
    return id;
  }

  /** Outbox entries due at {@code now} (the outbox holds only unfinished deliveries, so it stays small). */
  public List<String> due(Instant now, int limit) {
    List<String> ids = new ArrayList<>();
    outbox.find(Filters.and(Filters.lte("nextAttemptAt", Date.from(now)), Filters.lte("leaseUntil", Date.from(now))))
        .projection(new Document("_id", 1)).limit(limit).forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  /** Takes the lease on an entry until {@code until}; empty when another replica holds it or it is done. */
  public Optional<Pending> claim(String id, Instant now, Instant until) {
    Document d = outbox.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.lte("leaseUntil", Date.from(now))),
        Updates.set("leaseUntil", Date.from(until)), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    return Optional.ofNullable(d).map(x -> new Pending(x.getString("_id"), x.getString("team"),
        x.getString("webhookId"), ((Number) x.get("pos")).longValue(), x.getString("event"), x.getString("body"),
        ((Number) x.get("attempts")).intValue()));
  }

  public void recordAttempt(Pending p, Delivery.Attempt attempt, Delivery.State state) {
    long pos = p.position();
    Document a = new Document("n", attempt.number()).append("at", Date.from(attempt.at()))
        .append("status", attempt.status()).append("error", attempt.error())
        .append("durationMillis", attempt.durationMillis());
    log.update(p.webhookId(), pos, Updates.combine(Updates.push(log.path(pos, "attempts"), a),
        Updates.set(log.path(pos, "state"), state.id())));
  }

  public void setState(Pending p, Delivery.State state) {
    log.update(p.webhookId(), p.position(), Updates.set(log.path(p.position(), "state"), state.id()));
  }

  public void reschedule(Pending p, int attempts, Instant next) {
    outbox.updateOne(Filters.eq("_id", p.deliveryId()), Updates.combine(Updates.set("attempts", attempts),
        Updates.set("nextAttemptAt", Date.from(next)), Updates.set("leaseUntil", new Date(0))));
  }

  public void finish(Pending p) {
    outbox.deleteOne(Filters.eq("_id", p.deliveryId()));
  }

  /** How many deliveries the webhook's log holds (so how many pages). */
  public long count(String webhookId) {
    Document d = counters.find(new Document("_id", webhookId)).first();
    return d == null ? 0 : ((Number) d.get("seq")).longValue();
  }

  public long pageOf(long position) {
    return log.pageOf(position);
  }

  /** One page of the log, newest first. */
  public List<Delivery> page(String webhookId, long page) {
    List<Delivery> out = new ArrayList<>();
    for (Document d : log.page(webhookId, page)) {
      List<Delivery.Attempt> attempts = new ArrayList<>();
      for (Document a : d.getList("attempts", Document.class, List.of())) {
        attempts.add(new Delivery.Attempt(((Number) a.get("n")).intValue(), a.getDate("at").toInstant(),
            ((Number) a.get("status")).intValue(), a.getString("error"), ((Number) a.get("durationMillis")).longValue()));
      }
      out.add(new Delivery(d.getString("deliveryId"), webhookId, d.getString("event"),
          Delivery.State.valueOf(d.getString("state").toUpperCase()), d.getDate("createdAt").toInstant(), attempts));
    }
    return out.reversed();
  }
}
