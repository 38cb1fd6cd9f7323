package dev.modelgate.timetracking;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.OpWindow;
import dev.modelgate.store.Store;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The computed pattern: one counter document per (project, ISO week), keyed {@code <project>|<week>},
 * holding minutes, billable minutes and entry counts per cell. A cell is a field name such as
 * {@code training|eve|engineer|3} (activity, user, role, ISO day of week), so a report reads one document
 * per project and week however many entries there are, and day-precise date ranges still work.
 *
 * <p>Every change is applied at most once: the document keeps the keys of its last {@value OpWindow#SIZE}
 * operations, and an update is conditional on the document's version ({@code k}, {@code v} has a unique
 * index, so the embedded store finds the document by index). Re-applying an operation after a crash is
 * then harmless.
 */
public final class WeeklyCounters {

  private final MongoCollection<Document> counters;
  private final MongoCollection<Document> migrations;

  public WeeklyCounters(Store store, String collection) {
    this.counters = store.collection(collection);
    this.migrations = store.collection(collection + "_migrations");
  }

  public void ensureIndexes() {
    counters.createIndex(Indexes.ascending("k", "v"), new IndexOptions().unique(true).name("key_version"));
    counters.createIndex(Indexes.ascending("team", "week"), new IndexOptions().name("team_week"));
  }

  public static String key(String projectId, LocalDate date) {
    return projectId + "|" + Weeks.key(date);
  }

  /** One increment of one cell: minutes, billable minutes and count may be negative (a removal). */
  public record Delta(String cell, long minutes, long billableMinutes, long count) {}

  /** Applies {@code delta} to the week of {@code date} unless operation {@code opKey} was applied already. */
  public void apply(String projectId, String team, LocalDate date, String opKey, Delta delta) {
    Document fresh = new Document("projectId", projectId).append("team", team).append("week", Weeks.key(date))
        .append("weekStart", Weeks.monday(date).toString())
        .append("m", new Document(delta.cell(), delta.minutes()))
        .append("b", new Document(delta.cell(), delta.billableMinutes()))
        .append("n", new Document(delta.cell(), delta.count()));
    OpWindow.apply(counters, key(projectId, date), opKey, fresh, List.of(
        Updates.inc("m." + delta.cell(), delta.minutes()),
        Updates.inc("b." + delta.cell(), delta.billableMinutes()),
        Updates.inc("n." + delta.cell(), delta.count())));
  }

  /** Counter documents of the given projects and weeks (by unique key, in chunks). */
  public List<Document> find(List<String> projectIds, List<LocalDate> mondays) {
    List<String> keys = new ArrayList<>();
    for (String p : projectIds) {
      for (LocalDate monday : mondays) {
        keys.add(key(p, monday));
      }
    }
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += 500) {
      // Without the operation window: readers need the cells only.
      counters.find(in("_id", keys.subList(i, Math.min(keys.size(), i + 500))))
          .projection(Projections.exclude("ops")).forEach(out::add);
    }
    return out;
  }

  /** The day part of a cell that counts a whole week (ISO days are 1 to 7). */
  public static final String WHOLE_WEEK = "0";

  /** A cell's parts without its day: the cell of the same amounts counted for the whole week. */
  static String wholeWeek(String cell) {
    return cell.substring(0, cell.lastIndexOf('|') + 1) + WHOLE_WEEK;
  }

  /** Whether the derived scope {@code name} was built ({@link #buildOnce}). */
  boolean built(String name) {
    return migrations.find(new Document("_id", name)).first() != null;
  }

  /**
   * Builds a derived scope from the project documents, once, for a store written before it existed: each
   * project document's cells are added, mapped by {@code cellOf}, to the document of scope
   * {@code scopeOf(document)} and the same week. Each derived week is written whole (a replace), so a start
   * interrupted half-way simply builds again; marker {@code name} then says it is done. Runs before the
   * server serves requests; it assumes no older server writes to the same store meanwhile.
   */
  void buildOnce(String name, java.util.function.Function<Document, String> scopeOf,
      java.util.function.BinaryOperator<String> cellOf) {
    buildOnce(name, scopeOf, d -> LocalDate.parse(d.getString("weekStart")), cellOf);
  }

  /** As above, each project document's cells going to the week of {@code dateOf(document)} instead of its own. */
  void buildOnce(String name, java.util.function.Function<Document, String> scopeOf,
      java.util.function.Function<Document, LocalDate> dateOf, java.util.function.BinaryOperator<String> cellOf) {
    Document marker = new Document("_id", name);
    if (built(name)) {
      return;
    }
    Map<String, Document> weeks = new java.util.LinkedHashMap<>();
    for (Document d : counters.find()) {
      String projectId = d.getString("projectId");
      if (projectId == null || projectId.contains(":")) {
        continue; // a derived scope itself (team:..., team-week:...)
      }
      String team = d.getString("team");
      String scope = scopeOf.apply(d);
      LocalDate date = dateOf.apply(d);
      String key = key(scope, date);
      Document week = weeks.computeIfAbsent(key, k -> new Document("_id", k).append("k", k).append("v", 1L)
          .append("projectId", scope).append("team", team).append("week", Weeks.key(date))
          .append("weekStart", Weeks.monday(date).toString()).append("m", new Document()).append("b", new Document())
          .append("n", new Document()).append("ops", List.of()));
      for (String field : List.of("m", "b", "n")) {
        Document from = d.get(field, Document.class);
        Document to = week.get(field, Document.class);
        if (from != null) {
          from.forEach((cell, v) -> to.merge(cellOf.apply(projectId, cell), ((Number) v).longValue(),
              (a, b) -> ((Number) a).longValue() + ((Number) b).longValue()));
        }
      }
    }
    weeks.values().forEach(w -> counters.replaceOne(new Document("_id", w.getString("_id")), w,
        new com.mongodb.client.model.ReplaceOptions().upsert(true)));
    migrations.insertOne(marker.append("at", new java.util.Date()));
  }

  /** Bulk loading (benchmarks, imports into an empty project): adds pre-summed cells without op keys. */
  public void addBulk(String projectId, String team, LocalDate monday, Map<String, long[]> cells) {
    String key = key(projectId, monday);
    Document m = new Document();
    Document b = new Document();
    Document n = new Document();
    cells.forEach((cell, v) -> {
      m.append(cell, v[0]);
      b.append(cell, v[1]);
      n.append(cell, v[2]);
    });
    List<Bson> incs = new ArrayList<>();
    cells.forEach((cell, v) -> {
      incs.add(Updates.inc("m." + cell, v[0]));
      incs.add(Updates.inc("b." + cell, v[1]));
      incs.add(Updates.inc("n." + cell, v[2]));
    });
    try {
      counters.insertOne(new Document("_id", key).append("k", key).append("v", 1L).append("projectId", projectId)
          .append("team", team).append("week", Weeks.key(monday)).append("weekStart", monday.toString())
          .append("m", m).append("b", b).append("n", n).append("ops", List.of()));
    } catch (RuntimeException e) {
      if (!Duplicates.isDuplicateKey(e)) {
        throw e;
      }
      incs.add(Updates.inc("v", 1L));
      counters.updateOne(eq("_id", key), Updates.combine(incs));
    }
  }
}
