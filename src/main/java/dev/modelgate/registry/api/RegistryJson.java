package dev.modelgate.registry.api;

import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Team;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The registry's JSON representations. */
public final class RegistryJson {

  private RegistryJson() {}

  public static JsonObject team(Team t) {
    return new JsonObject().put("slug", t.slug()).put("name", t.name()).put("description", t.description())
        .put("createdBy", t.createdBy()).put("createdAt", t.createdAt().toString());
  }

  public static JsonObject project(Project p) {
    return new JsonObject().put("id", p.id()).put("team", p.team()).put("slug", p.slug()).put("name", p.name())
        .put("description", p.description()).put("expectedBenefitPerMonth", p.expectedBenefitPerMonth())
        .put("budget", p.budget()).put("currency", p.currency()).put("createdBy", p.createdBy())
        .put("createdAt", p.createdAt().toString());
  }

  public static JsonObject modelVersion(ModelVersion v) {
    JsonArray segments = new JsonArray();
    v.segments().forEach(s -> segments.add(new JsonObject().put("name", s.name())
        .put("metrics", new JsonObject(new java.util.LinkedHashMap<>(s.metrics())))));
    JsonArray history = new JsonArray();
    v.stageHistory().forEach(c -> history.add(new JsonObject().put("stage", c.stage().id())
        .put("at", c.at().toString()).put("by", c.by()).put("workflowId", c.workflowId()).put("note", c.note())));
    JsonObject lineage = null;
    if (v.lineage() != null) {
      ModelVersion.Lineage l = v.lineage();
      lineage = new JsonObject().put("runId", l.runId()).put("runUri", l.runUri())
          .put("datasetVersion", l.datasetVersion()).put("commit", l.commit())
          .put("params", new JsonObject(new java.util.LinkedHashMap<>(l.params())));
    }
    return new JsonObject().put("id", v.id()).put("projectId", v.projectId()).put("team", v.team())
        .put("model", v.model()).put("version", v.version())
        .put("metrics", new JsonObject(new java.util.LinkedHashMap<>(v.metrics())))
        .put("segments", segments).put("lineage", lineage).put("baselineVersionId", v.baselineVersionId())
        .put("stage", v.stage().id()).put("stageHistory", history).put("submittedBy", v.submittedBy())
        .put("createdAt", v.createdAt().toString())
        .put("gateReport", v.gateReport() == null ? null : new JsonObject(v.gateReport()));
  }
}
