package dev.modelgate.costbenefit;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Store;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A project's ledger (infrastructure costs, or realised benefits) as one bucket document per project,
 * keyed by project id: a project records a few amounts a month, so the whole ledger is one read by key.
 * An append is one atomic {@code $push}; the item count is checked before it (best effort: concurrent
 * appends at the limit may overshoot it slightly), which keeps a ledger bounded.
 */
public final class LedgerRepository {

  public static final int MAX_ITEMS = 10_000;

  private final MongoCollection<Document> ledgers;

  public LedgerRepository(Store store, String collection) {
    this.ledgers = store.collection(collection);
  }

  /** False when the ledger is full. */
  public boolean append(LedgerItem item) {
    Document doc = new Document("id", item.id()).append("date", item.date().toString()).append("amount", item.amount())
        .append("category", item.category()).append("note", item.note()).append("createdBy", item.createdBy())
        .append("createdAt", Date.from(item.createdAt()));
    Document current = ledgers.find(eq("_id", item.projectId())).first();
    if (current == null) {
      try {
        ledgers.insertOne(new Document("_id", item.projectId()).append("n", 1).append("items", List.of(doc)));
        return true;
      } catch (RuntimeException e) {
        if (!dev.modelgate.store.Duplicates.isDuplicateKey(e)) {
          throw e;
        }
        current = ledgers.find(eq("_id", item.projectId())).first();
      }
    }
    if (current.getInteger("n", 0) >= MAX_ITEMS) {
      return false;
    }
    ledgers.updateOne(eq("_id", item.projectId()), Updates.combine(Updates.push("items", doc), Updates.inc("n", 1)),
        new UpdateOptions().upsert(true));
    return true;
  }

  /** Every item of the project's ledger, oldest date first. */
  public List<LedgerItem> items(String projectId) {
    Document d = ledgers.find(eq("_id", projectId)).first();
    List<LedgerItem> out = new ArrayList<>();
    if (d != null) {
      for (Document i : d.getList("items", Document.class, List.of())) {
        out.add(new LedgerItem(i.getString("id"), projectId, LocalDate.parse(i.getString("date")),
            ((Number) i.get("amount")).doubleValue(), i.getString("category"), i.getString("note"),
            i.getString("createdBy"), i.getDate("createdAt").toInstant()));
      }
    }
    out.sort((a, b) -> a.date().equals(b.date()) ? a.id().compareTo(b.id()) : a.date().compareTo(b.date()));
    return out;
  }
}
