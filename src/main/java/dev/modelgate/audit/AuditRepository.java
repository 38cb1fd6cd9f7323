package dev.modelgate.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The audit log in collection {@code audit}, one document per entry with {@code _id = seq}: the unique
 * {@code _id} is what makes concurrent appenders (several replicas, no transactions) agree on one chain,
 * since only one insert of a given sequence number can succeed. Reads are lookups of windows of
 * sequence numbers by {@code $in} on {@code _id}, which the embedded store answers from its unique index.
 * {@code audit_head} holds a hint of the newest entry (seq and hash) so appenders need not search for it.
 */
public final class AuditRepository {

  private static final String HEAD_ID = "head";

  private final MongoCollection<Document> entries;
  private final MongoCollection<Document> head;

  public AuditRepository(Store store) {
    this.entries = store.collection("audit");
    this.head = store.collection("audit_head");
  }

  /** Secondary indexes for list filters on a real MongoDB (the embedded store keeps unique ones only). */
  public void ensureIndexes() {
    entries.createIndex(Indexes.compoundIndex(Indexes.ascending("team"), Indexes.descending("_id")),
        new IndexOptions().name("team_seq"));
    entries.createIndex(Indexes.ascending("actor"), new IndexOptions().name("actor"));
    entries.createIndex(Indexes.ascending("subjectType", "subjectId"), new IndexOptions().name("subject"));
  }

  /** Inserts the entry at its sequence number; false when another appender took that number first. */
  public boolean insert(AuditEntry e) {
    try {
      entries.insertOne(toDocument(e));
      return true;
    } catch (RuntimeException ex) {
      if (Duplicates.isDuplicateKey(ex)) {
        return false;
      }
      throw ex;
    }
  }

  /** The entries among {@code seqs} that exist, in ascending sequence order. */
  public List<AuditEntry> findSeqs(List<Long> seqs) {
    List<AuditEntry> out = new ArrayList<>();
    entries.find(in("_id", seqs)).forEach(d -> out.add(fromDocument(d)));
    out.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    return out;
  }

  /** The head hint: the newest entry some appender knew of (may lag behind, never trusted for hashing). */
  public Optional<Head> headHint() {
    Document d = head.find(eq("_id", HEAD_ID)).first();
    return d == null ? Optional.empty() : Optional.of(new Head(d.getLong("seq"), d.getString("hash")));
  }

  /** Moves the hint forward to {@code h} unless it is already further. */
  public void advanceHint(Head h) {
    long matched = head.updateOne(and(eq("_id", HEAD_ID), lt("seq", h.seq())),
        Updates.combine(Updates.set("seq", h.seq()), Updates.set("hash", h.hash()))).getMatchedCount();
    if (matched == 0) {
      try {
        head.insertOne(new Document("_id", HEAD_ID).append("seq", h.seq()).append("hash", h.hash()));
      } catch (RuntimeException ex) {
        if (!Duplicates.isDuplicateKey(ex)) {
          throw ex;
        }
      }
    }
  }

  /** The highest stored sequence number, by a full scan: only for start-up without a hint and for verify. */
  public long maxSeqByScan() {
    Document d = entries.find().sort(Sorts.descending("_id")).limit(1).first();
    return d == null ? 0 : ((Number) d.get("_id")).longValue();
  }

  public long count() {
    return entries.countDocuments();
  }

  /** The newest entry's sequence number and hash ({@code 0} and the genesis hash for an empty log). */
  public record Head(long seq, String hash) {}

  static Document toDocument(AuditEntry e) {
    return new Document("_id", e.seq())
        .append("at", Date.from(e.at()))
        .append("actor", e.actor())
        .append("action", e.action())
        .append("team", e.team())
        .append("subjectType", e.subjectType())
        .append("subjectId", e.subjectId())
        .append("details", new Document(new LinkedHashMap<>(e.details())))
        .append("prevHash", e.prevHash())
        .append("hash", e.hash())
        .append("hashVersion", e.hashVersion());
  }

  @SuppressWarnings("unchecked")
  static AuditEntry fromDocument(Document d) {
    Object details = d.get("details");
    Map<String, Object> map = details instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Instant at = d.get("at") instanceof Date date ? date.toInstant() : Instant.EPOCH;
    long seq = d.get("_id") instanceof Number n ? n.longValue() : -1;
    return new AuditEntry(seq, at, str(d, "actor"), str(d, "action"), str(d, "team"), str(d, "subjectType"),
        str(d, "subjectId"), map, str(d, "prevHash"), str(d, "hash"), hashVersion(d));
  }

  /** Entries written before hash versions existed have none: version 1. Not a whole number: no known version. */
  private static int hashVersion(Document d) {
    Object v = d.get("hashVersion");
    if (v == null) {
      return AuditChain.LEGACY_VERSION;
    }
    return v instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : -1;
  }

  /** Tolerates a value of the wrong type (someone edited the database): the hash check will then fail. */
  private static String str(Document d, String key) {
    Object v = d.get(key);
    return v == null ? null : v.toString();
  }
}
