package dev.modelgate.registry;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.IdList;
import dev.modelgate.store.Store;
import dev.modelgate.store.Tally;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Model versions, keyed by id. Model name + version is unique per project (a unique index, so two
 * concurrent registrations cannot both succeed). The stage history lives inside the version document,
 * and a stage change is one conditional single-document update.
 *
 * <p>Lists are lookups by unique key, on the embedded store as on MongoDB: a project's versions and each
 * model's versions are {@link IdList}s in registration order, and each version document records its
 * positions ({@code pos}, {@code modelPos}), so a cursor (a version id) maps to a position with one lookup.
 * The list entries are written <em>before</em> the version document: a crash in between, or a refused
 * duplicate, leaves entries no version points back to, which readers skip; nothing registered is ever
 * missing from a list. The versions that
 * may be in each stage are kept per model in one small document ({@code stage candidates}): added before a
 * stage change, removed after it, so it is always a superset that readers check against the versions.
 */
public final class ModelVersionRepository {

  /** Ids per bucket page: large enough that a page of 200 reads at most two pages. */
  static final int IDS_PER_PAGE = 200;

  /** The counter-collection document that says the lists were built for versions stored before them. */
  private static final String LISTS_BUILT = "lists-built";
  /** The marker that says the per-project counts were built for versions stored before them. */
  private static final String COUNTS_BUILT = "counts-built";

  private final MongoCollection<Document> versions;
  private final MongoCollection<Document> counters;
  private final MongoCollection<Document> candidates;
  private final IdList lists;
  private final Tally counts;

  public ModelVersionRepository(Store store) {
    this(store, IDS_PER_PAGE);
  }

  ModelVersionRepository(Store store, int idsPerPage) {
    this.versions = store.collection("model_versions");
    this.counters = store.collection("model_version_counters");
    this.candidates = store.collection("model_version_stages");
    this.lists = new IdList(store.collection("model_version_lists"), counters, idsPerPage);
    this.counts = new Tally(store.collection("model_version_counts"));
  }

  public void ensureIndexes() {
    versions.createIndex(Indexes.ascending("projectId", "model", "version"),
        new IndexOptions().unique(true).name("project_model_version"));
    // For the embedded store: the stage change's conditional filter is exactly these keys, so it is a lookup.
    versions.createIndex(Indexes.ascending("_id", "stage"), new IndexOptions().unique(true).name("id_stage"));
    // For real MongoDB: the production version of a model (the embedded store scans).
    versions.createIndex(Indexes.ascending("projectId", "model", "stage"), new IndexOptions().name("project_model_stage"));
    lists.ensureIndexes();
    // Once per store: list the versions written before the lists existed (a marker, not a count at every start).
    Document marker = new Document("_id", LISTS_BUILT);
    if (counters.find(marker).first() == null) {
      if (versions.find().first() != null) {
        rebuildLists();
      }
      counters.replaceOne(marker, marker, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }
    counts.ensureIndexes();
    Document countsMarker = new Document("_id", COUNTS_BUILT);
    if (counters.find(countsMarker).first() == null) {
      rebuildCounts();
      counters.replaceOne(countsMarker, countsMarker, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }
  }

  private static String projectList(String projectId) {
    return "project:" + projectId;
  }

  private static String modelList(String projectId, String model) {
    return "model:" + projectId + "|" + model;
  }

  /** False when the project already has this model name and version. */
  public boolean insert(ModelVersion v) {
    String projectOwner = projectList(v.projectId());
    String modelOwner = modelList(v.projectId(), v.model());
    long pos = lists.append(projectOwner, v.id());
    long modelPos = lists.append(modelOwner, v.id());
    try {
      versions.insertOne(toDocument(v).append("pos", pos).append("modelPos", modelPos));
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
    counts.add(v.projectId(), "version:" + v.id(), VersionCounts.traits(v));
    return true;
  }

  public Optional<ModelVersion> find(String id) {
    return Optional.ofNullable(versions.find(eq("_id", id)).first()).map(ModelVersionRepository::fromDocument);
  }

  public Optional<ModelVersion> find(String projectId, String model, String version) {
    // A plain filter with exactly the unique index's keys ($and would make the embedded store scan).
    return Optional.ofNullable(versions.find(new Document("projectId", projectId).append("model", model)
        .append("version", version)).first()).map(ModelVersionRepository::fromDocument);
  }

  /**
   * Up to {@code limit} versions of a project (or of one model in it) in registration order, after the
   * version {@code after}. Empty when {@code after} is not a version of that list.
   */
  public List<ModelVersion> listByProject(String projectId, Optional<String> model, Optional<String> after,
      int limit) {
    String owner = model.map(m -> modelList(projectId, m)).orElse(projectList(projectId));
    String field = model.isPresent() ? "modelPos" : "pos";
    Optional<Long> afterPos = Optional.empty();
    if (after.isPresent()) {
      Document cursor = versions.find(eq("_id", after.get())).first();
      if (cursor == null || !projectId.equals(cursor.getString("projectId"))
          || model.filter(m -> !m.equals(cursor.getString("model"))).isPresent()) {
        return List.of();
      }
      afterPos = IdList.recordedPosition(cursor, field);
    }
    return lists.oldestFirst(owner, afterPos, limit, entries -> confirmed(entries, field));
  }

  /** The versions the entries name that exist and record the entry's position, in the entries' order. */
  private List<ModelVersion> confirmed(List<IdList.Entry> entries, String field) {
    if (entries.isEmpty()) {
      return List.of();
    }
    Map<String, Document> found = new java.util.HashMap<>();
    versions.find(in("_id", entries.stream().map(IdList.Entry::id).toList()))
        .forEach(d -> found.put(d.getString("_id"), d));
    List<ModelVersion> out = new ArrayList<>();
    for (IdList.Entry e : entries) {
      Document d = found.get(e.id());
      if (d != null && IdList.recordedPosition(d, field).filter(p -> p == e.pos()).isPresent()) {
        out.add(fromDocument(d));
      }
    }
    return out;
  }

  /** The versions with these ids that exist. */
  private List<ModelVersion> byIds(List<String> ids) {
    List<ModelVersion> out = new ArrayList<>();
    if (!ids.isEmpty()) {
      versions.find(in("_id", ids)).forEach(d -> out.add(fromDocument(d)));
    }
    return out;
  }

  /**
   * Moves a version from {@code expected} to the change's stage and appends the change to its history,
   * atomically; false when the version is no longer in {@code expected}.
   */
  public boolean changeStage(String id, Stage expected, ModelVersion.StageChange change) {
    Document v = versions.find(eq("_id", id)).first();
    if (v == null) {
      return false;
    }
    Document key = new Document("_id", modelList(v.getString("projectId"), v.getString("model")));
    // Listed as a candidate first, so a crash never hides a version that reached the stage.
    candidates.updateOne(key, Updates.addToSet(change.stage().id(), id), new UpdateOptions().upsert(true));
    // A plain filter with exactly the keys of the unique id_stage index ($and would make the embedded store scan).
    boolean changed = versions.updateOne(new Document("_id", id).append("stage", expected.id()),
        Updates.combine(Updates.set("stage", change.stage().id()),
            Updates.push("stageHistory", stageChangeDoc(change)))).getModifiedCount() == 1;
    if (changed && expected != change.stage()) {
      candidates.updateOne(key, Updates.pull(expected.id(), id));
    }
    return changed;
  }

  /** Stores the latest gate report with the version: one single-document update. */
  public boolean setGateReport(String id, Map<String, Object> report) {
    return versions.updateOne(eq("_id", id), Updates.set("gateReport", new Document(report))).getMatchedCount() == 1;
  }

  /** The version of a model currently in {@code stage} in a project (the newest if several). */
  public Optional<ModelVersion> findInStage(String projectId, String model, Stage stage) {
    Document c = candidates.find(eq("_id", modelList(projectId, model))).first();
    List<String> ids = c == null ? List.of() : c.getList(stage.id(), String.class, List.of());
    return byIds(ids).stream().filter(v -> v.stage() == stage && v.projectId().equals(projectId))
        .max(java.util.Comparator.comparing(ModelVersion::id));
  }

  /** Every version of a model currently in {@code stage} in a project (at most one for production). */
  public List<ModelVersion> allInStage(String projectId, String model, Stage stage) {
    Document c = candidates.find(eq("_id", modelList(projectId, model))).first();
    List<String> ids = c == null ? List.of() : c.getList(stage.id(), String.class, List.of());
    return byIds(ids).stream().filter(v -> v.stage() == stage && v.projectId().equals(projectId))
        .sorted(java.util.Comparator.comparing(ModelVersion::id)).toList();
  }

  /** Every version of one model in a project, oldest first (for its production history). */
  public List<ModelVersion> listByModel(String projectId, String model) {
    return lists.all(modelList(projectId, model), entries -> confirmed(entries, "modelPos"));
  }

  /** What the project's registered versions carry, all time: one lookup however many there are. */
  public VersionCounts counts(String projectId) {
    return VersionCounts.of(counts.read(projectId));
  }

  /** Counts the versions stored before the counts existed (at start, when nothing else writes). */
  private void rebuildCounts() {
    Map<String, Map<String, Long>> byProject = new java.util.HashMap<>();
    for (Document d : versions.find()) {
      ModelVersion v = fromDocument(d);
      Map<String, Long> c = byProject.computeIfAbsent(v.projectId(), k -> new java.util.HashMap<>());
      VersionCounts.traits(v).forEach(t -> c.merge(t, 1L, Long::sum));
    }
    byProject.forEach(counts::replace);
  }

  /**
   * Builds the lists and stage candidates from the versions, for a store written before they existed
   * (one scan at start-up, once).
   */
  private void rebuildLists() {
    Map<String, Long> seqs = new java.util.HashMap<>();
    for (Document d : versions.find().sort(Sorts.ascending("_id"))) {
      String id = d.getString("_id");
      String projectOwner = projectList(d.getString("projectId"));
      String modelOwner = modelList(d.getString("projectId"), d.getString("model"));
      long pos = seqs.merge(projectOwner, 1L, Long::sum);
      long modelPos = seqs.merge(modelOwner, 1L, Long::sum);
      lists.put(projectOwner, pos, id);
      lists.put(modelOwner, modelPos, id);
      versions.updateOne(eq("_id", id), Updates.combine(Updates.set("pos", pos), Updates.set("modelPos", modelPos)));
      candidates.updateOne(new Document("_id", modelOwner), Updates.addToSet(d.getString("stage"), id),
          new UpdateOptions().upsert(true));
    }
    seqs.forEach((owner, seq) -> counters.replaceOne(eq("_id", owner), IdList.counterDocument(owner, seq),
        new com.mongodb.client.model.ReplaceOptions().upsert(true)));
  }

  static Document toDocument(ModelVersion v) {
    List<Document> segments = new ArrayList<>();
    v.segments().forEach(s -> segments.add(new Document("name", s.name()).append("metrics", new Document(
        new LinkedHashMap<>(s.metrics())))));
    List<Document> history = new ArrayList<>();
    v.stageHistory().forEach(c -> history.add(stageChangeDoc(c)));
    Document lineage = null;
    if (v.lineage() != null) {
      ModelVersion.Lineage l = v.lineage();
      lineage = new Document("runId", l.runId()).append("runUri", l.runUri())
          .append("datasetVersion", l.datasetVersion()).append("commit", l.commit())
          .append("params", paramsList(l.params()));
    }
    return new Document("_id", v.id())
        .append("projectId", v.projectId())
        .append("team", v.team())
        .append("model", v.model())
        .append("version", v.version())
        .append("metrics", new Document(new LinkedHashMap<>(v.metrics())))
        .append("segments", segments)
        .append("lineage", lineage)
        .append("baselineVersionId", v.baselineVersionId())
        .append("stage", v.stage().id())
        .append("stageHistory", history)
        .append("submittedBy", v.submittedBy())
        .append("createdAt", Date.from(v.createdAt()))
        .append("gateReport", v.gateReport() == null ? null : new Document(v.gateReport()));
  }

  private static Document stageChangeDoc(ModelVersion.StageChange c) {
    return new Document("stage", c.stage().id()).append("at", Date.from(c.at())).append("by", c.by())
        .append("workflowId", c.workflowId()).append("note", c.note());
  }

  static ModelVersion fromDocument(Document d) {
    List<ModelVersion.Segment> segments = new ArrayList<>();
    for (Document s : d.getList("segments", Document.class, List.of())) {
      segments.add(new ModelVersion.Segment(s.getString("name"), numbers(s.get("metrics", Document.class))));
    }
    List<ModelVersion.StageChange> history = new ArrayList<>();
    for (Document c : d.getList("stageHistory", Document.class, List.of())) {
      history.add(new ModelVersion.StageChange(Stage.parse(c.getString("stage")).orElseThrow(),
          c.getDate("at").toInstant(), c.getString("by"), c.getString("workflowId"), c.getString("note")));
    }
    ModelVersion.Lineage lineage = null;
    Document l = d.get("lineage", Document.class);
    if (l != null) {
      Map<String, Object> params = new LinkedHashMap<>();
      for (Document p : l.getList("params", Document.class, List.of())) {
        params.put(p.getString("name"), p.get("value"));
      }
      lineage = new ModelVersion.Lineage(l.getString("runId"), l.getString("runUri"), l.getString("datasetVersion"),
          l.getString("commit"), params);
    }
    return new ModelVersion(d.getString("_id"), d.getString("projectId"), d.getString("team"), d.getString("model"),
        d.getString("version"), numbers(d.get("metrics", Document.class)), segments, lineage,
        d.getString("baselineVersionId"), Stage.parse(d.getString("stage")).orElseThrow(), history,
        d.getString("submittedBy"), d.getDate("createdAt").toInstant(), d.get("gateReport", Document.class));
  }

  /** Parameters as name/value pairs: tracker parameter names may contain dots, which field names may not. */
  private static List<Document> paramsList(Map<String, Object> params) {
    List<Document> out = new ArrayList<>();
    params.forEach((k, v) -> out.add(new Document("name", k).append("value", v)));
    return out;
  }

  private static Map<String, Double> numbers(Document d) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (d != null) {
      d.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
    }
    return out;
  }
}
