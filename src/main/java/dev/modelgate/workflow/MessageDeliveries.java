package dev.modelgate.workflow;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The messages people and CI sent to workflows: one record per workflow and message name, stored before
 * the message goes to the engine. Without it a crash between the engine and the read model leaves a
 * workflow that took the wait off its steps but never told the engine (and a resend is refused: it no
 * longer waits), or one that still shows a wait the engine is past. The record is the claim (a unique
 * insert), keeps what was sent so a resend or the start-up sweep finishes the delivery, and says that the
 * message was delivered so a step repeated after a crash does not announce the wait again.
 *
 * <p>Undelivered records are also listed in one small document ({@code pending}), added before the record
 * and removed after it is delivered, so the sweep reads one document, not the collection.
 */
public final class MessageDeliveries {

  private static final String PENDING = "pending";

  /** One message sent to one workflow; {@code variablesJson} is what goes to the engine. */
  public record Delivery(String workflowId, String name, String by, String variablesJson, Instant at,
      boolean delivered) {

    public Map<String, Object> variables() {
      return Plain.of(new JsonObject(variablesJson));
    }
  }

  private final MongoCollection<Document> deliveries;
  private final MongoCollection<Document> pending;

  public MessageDeliveries(Store store) {
    this.deliveries = store.collection("workflow_messages");
    this.pending = store.collection("workflow_messages_pending");
  }

  public void ensureIndexes() {
    // For the embedded store: the conditional update's filter is exactly these keys, so it is a lookup.
    deliveries.createIndex(Indexes.ascending("_id", "delivered"), new IndexOptions().unique(true).name("id_delivered"));
  }

  private static String key(String workflowId, String name) {
    return workflowId + ":" + name;
  }

  /** Stores the delivery as not yet delivered; false when this workflow already has one of that name. */
  public boolean claim(Delivery d) {
    String id = key(d.workflowId(), d.name());
    pending.updateOne(eq("_id", PENDING), Updates.addToSet("ids", id), new UpdateOptions().upsert(true));
    try {
      deliveries.insertOne(new Document("_id", id).append("workflowId", d.workflowId()).append("name", d.name())
          .append("by", d.by()).append("variables", d.variablesJson()).append("at", Date.from(d.at()))
          .append("delivered", false));
      return true;
    } catch (RuntimeException e) {
      if (!Duplicates.isDuplicateKey(e)) {
        throw e;
      }
      return false;
    }
  }

  public Optional<Delivery> find(String workflowId, String name) {
    return Optional.ofNullable(deliveries.find(eq("_id", key(workflowId, name))).first())
        .map(MessageDeliveries::fromDocument);
  }

  public boolean delivered(String workflowId, String name) {
    return find(workflowId, name).map(Delivery::delivered).orElse(false);
  }

  /** Marks the delivery done; true for the one call that did (of a resend racing the first attempt). */
  public boolean markDelivered(String workflowId, String name) {
    String id = key(workflowId, name);
    boolean marked = deliveries.updateOne(new Document("_id", id).append("delivered", false),
        Updates.set("delivered", true)).getModifiedCount() == 1;
    pending.updateOne(eq("_id", PENDING), Updates.pull("ids", id));
    return marked;
  }

  /** Forgets an undelivered claim (the engine refused it, or its workflow ended), so it may be sent again. */
  public void release(String workflowId, String name) {
    String id = key(workflowId, name);
    deliveries.deleteOne(new Document("_id", id).append("delivered", false));
    pending.updateOne(eq("_id", PENDING), Updates.pull("ids", id));
  }

  /** The deliveries a crash may have cut short. */
  public List<Delivery> pending() {
    Document p = pending.find(eq("_id", PENDING)).first();
    List<Delivery> out = new ArrayList<>();
    for (String id : p == null ? List.<String>of() : p.getList("ids", String.class, List.of())) {
      Document d = deliveries.find(eq("_id", id)).first();
      if (d == null || Boolean.TRUE.equals(d.getBoolean("delivered"))) {
        pending.updateOne(eq("_id", PENDING), Updates.pull("ids", id));
      } else {
        out.add(fromDocument(d));
      }
    }
    return out;
  }

  private static Delivery fromDocument(Document d) {
    return new Delivery(d.getString("workflowId"), d.getString("name"), d.getString("by"), d.getString("variables"),
        d.getDate("at").toInstant(), Boolean.TRUE.equals(d.getBoolean("delivered")));
  }
}
