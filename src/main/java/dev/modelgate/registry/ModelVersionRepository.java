package dev.modelgate.registry;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Model versions, keyed by id. Model name + version is unique per project (a unique index, so two
 * concurrent registrations cannot both succeed). The stage history lives inside the version document,
 * and a stage change is one conditional single-document update.
 */
public final class ModelVersionRepository {

  private final MongoCollection<Document> versions;

  public ModelVersionRepository(Store store) {
    this.versions = store.collection("model_versions");
  }

  public void ensureIndexes() {
    versions.createIndex(Indexes.ascending("projectId", "model", "version"),
        new IndexOptions().unique(true).name("project_model_version"));
    // For the embedded store: the stage change's conditional filter is exactly these keys, so it is a lookup.
    versions.createIndex(Indexes.ascending("_id", "stage"), new IndexOptions().unique(true).name("id_stage"));
    // For real MongoDB: the production version of a model (the embedded store scans).
    versions.createIndex(Indexes.ascending("projectId", "model", "stage"), new IndexOptions().name("project_model_stage"));
  }

  /** False when the project already has this model name and version. */
  public boolean insert(ModelVersion v) {
    try {
      versions.insertOne(toDocument(v));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<ModelVersion> find(String id) {
    return Optional.ofNullable(versions.find(eq("_id", id)).first()).map(ModelVersionRepository::fromDocument);
  }

  public Optional<ModelVersion> find(String projectId, String model, String version) {
    // A plain filter with exactly the unique index's keys ($and would make the embedded store scan).
    return Optional.ofNullable(versions.find(new Document("projectId", projectId).append("model", model)
        .append("version", version)).first()).map(ModelVersionRepository::fromDocument);
  }

  public List<ModelVersion> listByProject(String projectId, Optional<String> model, Optional<String> after,
      int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("projectId", projectId)));
    model.ifPresent(m -> filters.add(eq("model", m)));
    after.ifPresent(a -> filters.add(gt("_id", a)));
    List<ModelVersion> out = new ArrayList<>();
    versions.find(and(filters)).sort(Sorts.ascending("_id")).limit(limit)
        .forEach(d -> out.add(fromDocument(d)));
    return out;
  }

  /**
   * Moves a version from {@code expected} to the change's stage and appends the change to its history,
   * atomically; false when the version is no longer in {@code expected}.
   */
  public boolean changeStage(String id, Stage expected, ModelVersion.StageChange change) {
    return versions.updateOne(new Document("_id", id).append("stage", expected.id()),
        Updates.combine(Updates.set("stage", change.stage().id()),
            Updates.push("stageHistory", stageChangeDoc(change)))).getModifiedCount() == 1;
  }

  /** Stores the latest gate report with the version: one single-document update. */
  public boolean setGateReport(String id, Map<String, Object> report) {
    return versions.updateOne(eq("_id", id), Updates.set("gateReport", new Document(report))).getMatchedCount() == 1;
  }

  /** The version of a model currently in {@code stage} in a project (the newest if several). */
  public Optional<ModelVersion> findInStage(String projectId, String model, Stage stage) {
    return Optional.ofNullable(versions.find(and(eq("projectId", projectId), eq("model", model),
        eq("stage", stage.id()))).sort(Sorts.descending("_id")).first()).map(ModelVersionRepository::fromDocument);
  }

  /** Every version of one model in a project, oldest first (for its production history). */
  public List<ModelVersion> listByModel(String projectId, String model) {
    List<ModelVersion> out = new ArrayList<>();
    versions.find(and(eq("projectId", projectId), eq("model", model))).sort(Sorts.ascending("_id"))
        .forEach(d -> out.add(fromDocument(d)));
    return out;
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
