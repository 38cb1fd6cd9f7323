package dev.modelgate.timetracking;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Time entries ({@code time_entries}, keyed by id, with a unique (id, version) index so a conditional
 * update is still an index lookup on the embedded store), the bucket documents that list them
 * ({@code time_entry_index}: one per project and week, and one per project, user and week, each holding
 * sortable {@code <date>_<id>} strings), pending-change markers ({@code time_entry_pending}, one per
 * change still being applied, small), and per-project facts ({@code time_projects}: the earliest and latest dates).
 */
public final class TimeEntryRepository {

  private final MongoCollection<Document> entries;
  private final MongoCollection<Document> index;
  private final MongoCollection<Document> pending;
  private final MongoCollection<Document> projects;

  public TimeEntryRepository(Store store) {
    this.entries = store.collection("time_entries");
    this.index = store.collection("time_entry_index");
    this.pending = store.collection("time_entry_pending");
    this.projects = store.collection("time_projects");
  }

  public void ensureIndexes() {
    entries.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("id_version"));
    entries.createIndex(Indexes.ascending("projectId", "user", "date"), new IndexOptions().name("project_user_date"));
  }

  /** A change the entry document carries until it has reached the counters and indexes. */
  public record Change(String op, TimeEntry.Contribution remove, TimeEntry.Contribution add) {}

  public void insert(TimeEntry e, Change change) {
    entries.insertOne(toDocument(e).append("pending", changeDoc(change)));
  }

  /** Replaces the entry if it still has {@code expectedVersion}; the new entry carries {@code change}. */
  public boolean update(TimeEntry e, long expectedVersion, Change change) {
    Document d = toDocument(e).append("pending", changeDoc(change));
    d.remove("_id");
    return entries.updateOne(idAndVersion(e.id(), expectedVersion), new Document("$set", d))
        .getMatchedCount() == 1;
  }

  /** Marks the entry deleted (a tombstone until its removal reached the counters). */
  public boolean markDeleted(String id, long expectedVersion, Change change) {
    return entries.updateOne(idAndVersion(id, expectedVersion), Updates.combine(
        Updates.set("deleted", true), Updates.set("version", expectedVersion + 1),
        Updates.set("pending", changeDoc(change)))).getMatchedCount() == 1;
  }

  public void clearPending(String id, long version) {
    entries.updateOne(idAndVersion(id, version), Updates.set("pending", null));
  }

  /**
   * The filter of a conditional write, as a plain document whose keys are exactly the unique index
   * {@code id_version}: the embedded store then finds the entry by that index ({@code Filters.and} would be
   * sent as {@code $and}, which it answers with a scan of every entry).
   */
  private static Document idAndVersion(String id, long version) {
    return new Document("_id", id).append("version", version);
  }

  public void remove(String id) {
    entries.deleteOne(eq("_id", id));
  }

  /** The stored document (also a deleted one, with its pending change). */
  public Optional<Stored> find(String id) {
    Document d = entries.find(eq("_id", id)).first();
    return d == null ? Optional.empty() : Optional.of(stored(d));
  }

  public List<TimeEntry> findAll(List<String> ids) {
    List<TimeEntry> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      entries.find(in("_id", ids.subList(i, Math.min(ids.size(), i + 500)))).forEach(d -> {
        if (!d.getBoolean("deleted", false)) {
          out.add(fromDocument(d));
        }
      });
    }
    return out;
  }

  /** An entry document as stored: the entry, whether it is deleted, and a change not yet applied. */
  public record Stored(TimeEntry entry, boolean deleted, Change pending) {}

  // --- pending markers -------------------------------------------------------------------------

  public void markPending(String op, String entryId, Instant at) {
    pending.insertOne(new Document("_id", op).append("entryId", entryId).append("at", Date.from(at)));
  }

  public void unmarkPending(String op) {
    pending.deleteOne(eq("_id", op));
  }

  /** Markers older than {@code before}: changes whose writer may have died half-way. */
  public List<Document> pendingBefore(Instant before) {
    List<Document> out = new ArrayList<>();
    pending.find(com.mongodb.client.model.Filters.lt("at", Date.from(before))).limit(1000).forEach(out::add);
    return out;
  }

  // --- list buckets ----------------------------------------------------------------------------

  static String projectBucket(String projectId, LocalDate date) {
    return "p|" + projectId + "|" + Weeks.key(date);
  }

  static String userBucket(String projectId, String user, LocalDate date) {
    return "u|" + projectId + "|" + Cells.escape(user) + "|" + Weeks.key(date);
  }

  static String sortKey(LocalDate date, String id) {
    return date + "_" + id;
  }

  /** Adds or removes the entry in its project's and its user's week bucket ($addToSet/$pull: idempotent). */
  public void index(TimeEntry.Contribution c, boolean add) {
    String value = sortKey(c.date(), c.entryId());
    for (String key : List.of(projectBucket(c.projectId(), c.date()), userBucket(c.projectId(), c.user(), c.date()))) {
      if (add) {
        index.updateOne(eq("_id", key), Updates.addToSet("e", value), new UpdateOptions().upsert(true));
      } else {
        index.updateOne(eq("_id", key), Updates.pull("e", value));
      }
    }
  }

  /** The sortable keys in the given buckets. */
  public List<String> bucketKeys(List<String> bucketIds) {
    List<String> out = new ArrayList<>();
    index.find(in("_id", bucketIds)).forEach(d -> out.addAll(d.getList("e", String.class, List.of())));
    return out;
  }

  /**
   * Widens the project's known date span to {@code date}: {@code firstDate} and {@code lastDate} are bounds
   * ({@code $min}, {@code $max}: idempotent and order-independent), never narrowed.
   */
  public void noteDate(String projectId, LocalDate date) {
    projects.updateOne(eq("_id", projectId), Updates.combine(Updates.min("firstDate", date.toString()),
        Updates.max("lastDate", date.toString())), new UpdateOptions().upsert(true));
  }

  /**
   * Gives projects noted before {@code lastDate} was kept the bound {@code bound}: entries are never dated
   * after the day after they were written, so the day after today bounds every entry stored so far.
   * Idempotent; run at start.
   */
  public void boundLastDates(LocalDate bound) {
    projects.updateMany(new Document("lastDate", null), Updates.max("lastDate", bound.toString()));
  }

  /** The span every entry of a project ever lay in (bounds: deleting an entry does not narrow them). */
  public record DateBounds(LocalDate first, LocalDate last) {}

  public Optional<DateBounds> dateBounds(String projectId) {
    Document d = projects.find(eq("_id", projectId)).first();
    if (d == null || d.getString("firstDate") == null || d.getString("lastDate") == null) {
      return Optional.empty();
    }
    return Optional.of(new DateBounds(LocalDate.parse(d.getString("firstDate")),
        LocalDate.parse(d.getString("lastDate"))));
  }

  public Optional<LocalDate> firstDate(String projectId) {
    Document d = projects.find(eq("_id", projectId)).first();
    return d == null || d.getString("firstDate") == null ? Optional.empty()
        : Optional.of(LocalDate.parse(d.getString("firstDate")));
  }

  // --- bulk loading ----------------------------------------------------------------------------

  /** Inserts entries that are already counted (bulk loading), and their list buckets. */
  public void insertBulk(List<TimeEntry> batch, Map<String, List<String>> bucketAdds) {
    for (int i = 0; i < batch.size(); i += 5000) {
      List<Document> docs = new ArrayList<>(5000);
      batch.subList(i, Math.min(batch.size(), i + 5000)).forEach(e -> docs.add(toDocument(e).append("pending", null)));
      entries.insertMany(docs);
    }
    bucketAdds.forEach((key, values) -> index.updateOne(eq("_id", key), Updates.addEachToSet("e", values),
        new UpdateOptions().upsert(true)));
  }

  // --- mapping ---------------------------------------------------------------------------------

  static Document toDocument(TimeEntry e) {
    Document link = e.link() == null ? null : new Document("type", e.link().type()).append("id", e.link().id());
    return new Document("_id", e.id()).append("projectId", e.projectId()).append("team", e.team())
        .append("user", e.user()).append("role", e.role()).append("date", e.date().toString())
        .append("minutes", e.minutes()).append("activity", e.activity().id()).append("note", e.note())
        .append("billable", e.billable()).append("link", link).append("createdAt", Date.from(e.createdAt()))
        .append("updatedAt", Date.from(e.updatedAt())).append("version", e.version());
  }

  static TimeEntry fromDocument(Document d) {
    Document l = d.get("link", Document.class);
    return new TimeEntry(d.getString("_id"), d.getString("projectId"), d.getString("team"), d.getString("user"),
        d.getString("role"), LocalDate.parse(d.getString("date")), ((Number) d.get("minutes")).longValue(),
        Activity.parse(d.getString("activity")).orElse(Activity.OTHER), d.getString("note"),
        d.getBoolean("billable", false), l == null ? null : new TimeEntry.Link(l.getString("type"), l.getString("id")),
        d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(), ((Number) d.get("version")).longValue());
  }

  private static Stored stored(Document d) {
    Document p = d.get("pending", Document.class);
    Change change = p == null ? null : new Change(p.getString("op"), contribution(p.get("remove", Document.class)),
        contribution(p.get("add", Document.class)));
    return new Stored(fromDocument(d), d.getBoolean("deleted", false), change);
  }

  private static Document changeDoc(Change c) {
    return c == null ? null : new Document("op", c.op()).append("remove", contributionDoc(c.remove()))
        .append("add", contributionDoc(c.add()));
  }

  private static Document contributionDoc(TimeEntry.Contribution c) {
    return c == null ? null : new Document("projectId", c.projectId()).append("team", c.team())
        .append("user", c.user()).append("role", c.role()).append("date", c.date().toString())
        .append("minutes", c.minutes()).append("activity", c.activity().id()).append("billable", c.billable())
        .append("entryId", c.entryId());
  }

  private static TimeEntry.Contribution contribution(Document d) {
    return d == null ? null : new TimeEntry.Contribution(d.getString("projectId"), d.getString("team"),
        d.getString("user"), d.getString("role"), LocalDate.parse(d.getString("date")),
        ((Number) d.get("minutes")).longValue(), Activity.parse(d.getString("activity")).orElse(Activity.OTHER),
        d.getBoolean("billable", false), d.getString("entryId"));
  }

  static Bson byId(String id) {
    return eq("_id", id);
  }
}
