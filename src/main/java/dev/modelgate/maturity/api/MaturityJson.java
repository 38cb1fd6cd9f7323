package dev.modelgate.maturity.api;

import dev.modelgate.maturity.Maturity;
import dev.modelgate.maturity.MaturityAssessment;
import dev.modelgate.maturity.MaturityScore;
import dev.modelgate.maturity.Scale;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** JSON of assessments, scores and pre-filled answers. */
public final class MaturityJson {

  private MaturityJson() {}

  public static JsonObject scored(Maturity.Scored s) {
    MaturityAssessment a = s.assessment();
    JsonObject answers = new JsonObject();
    a.answers().forEach(answers::put);
    JsonObject json = new JsonObject().put("id", a.id()).put("projectId", a.projectId())
        .put("questionnaireVersion", a.questionnaireVersion()).put("answers", answers).put("note", a.note())
        .put("assessedBy", a.assessedBy()).put("at", a.at().toString());
    return s.score() == null ? json.putNull("score") : json.put("score", score(s.score()));
  }

  public static JsonObject score(MaturityScore score) {
    JsonArray dims = new JsonArray();
    for (MaturityScore.DimensionScore d : score.dimensions()) {
      JsonObject recommendations = new JsonObject();
      d.next().forEach((scale, r) -> recommendations.put(scale.id(), recommendation(r)));
      dims.add(new JsonObject().put("dimension", d.dimension()).put("name", d.name())
          .put("level", perScale(d.level())).put("average", perScale(d.average()))
          .put("next", recommendations));
    }
    return new JsonObject().put("overall", perScale(score.overall()))
        .put("overallAverage", perScale(score.overallAverage())).put("dimensions", dims);
  }

  private static JsonObject recommendation(MaturityScore.Recommendation r) {
    JsonArray actions = new JsonArray();
    r.actions().forEach(a -> actions.add(new JsonObject().put("question", a.question())
        .put("questionText", a.questionText()).put("currentAnswer", a.currentAnswer())
        .put("recommendedAnswer", a.recommendedAnswer()).put("recommendedText", a.recommendedText())));
    return new JsonObject().put("targetLevel", r.targetLevel()).put("targetName", r.targetName())
        .put("targetSummary", r.targetSummary()).put("actions", actions);
  }

  private static JsonObject perScale(Map<Scale, ? extends Number> values) {
    JsonObject o = new JsonObject();
    for (Scale s : Scale.values()) {
      o.put(s.id(), values.get(s));
    }
    return o;
  }

  public static JsonObject prefill(Maturity.Prefill p) {
    JsonObject answers = new JsonObject();
    p.answers().forEach(answers::put);
    JsonArray evidence = new JsonArray();
    p.evidence().forEach(s -> evidence.add(new JsonObject().put("question", s.questionId())
        .put("answer", s.optionId()).put("evidence", s.evidence())));
    return new JsonObject().put("answers", answers).put("evidence", evidence)
        .put("unanswered", new JsonArray(p.unanswered()));
  }
}
