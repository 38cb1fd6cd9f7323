package dev.modelgate.maturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoring of the bundled questionnaire on answer sets whose levels are worked out by hand. */
class MaturityScoringTest {

  static final Questionnaire Q = Questionnaire.load();
  static final MaturityScoring SCORING = new MaturityScoring(Q);

  static Map<String, String> answersAt(int optionIndex) {
    Map<String, String> a = new HashMap<>();
    Q.questions().forEach(q -> a.put(q.id(), q.options().get(Math.min(optionIndex, q.options().size() - 1)).id()));
    return a;
  }

  static MaturityScore.DimensionScore dim(MaturityScore s, String id) {
    return s.dimensions().stream().filter(d -> d.dimension().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void questionnaireCitesBothModelsAndCoversTheSevenDimensions() {
    String raw = Q.raw().encode();
    assertTrue(raw.contains("MLOps: Continuous delivery and automation pipelines in machine learning"));
    assertTrue(raw.contains("https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning"));
    assertTrue(raw.contains("Machine Learning operations maturity model"));
    assertTrue(raw.contains("https://learn.microsoft.com/en-us/azure/architecture/ai-ml/guide/mlops-maturity-model"));
    assertEquals(List.of("data", "experiment-tracking", "validation", "deployment-automation", "monitoring",
        "retraining", "governance"), Q.dimensions().stream().map(Questionnaire.Dimension::id).toList());
    assertEquals(3, Q.levels().get(Scale.GOOGLE).size());
    assertEquals(5, Q.levels().get(Scale.MICROSOFT).size());
  }

  @Test
  void lowestAnswersAreLevelZeroWithStepsToLevelOne() {
    MaturityScore s = SCORING.score(answersAt(0));
    assertEquals(0, s.overall().get(Scale.GOOGLE));
    assertEquals(0, s.overall().get(Scale.MICROSOFT));
    MaturityScore.DimensionScore data = dim(s, "data");
    MaturityScore.Recommendation g = data.next().get(Scale.GOOGLE);
    assertEquals(1, g.targetLevel());
    assertEquals("ML pipeline automation", g.targetName());
    assertEquals(List.of("pipeline-steps", "automated"), g.actions().stream()
        .map(MaturityScore.Action::recommendedAnswer).toList());
    MaturityScore.Recommendation m = data.next().get(Scale.MICROSOFT);
    assertEquals(1, m.targetLevel());
    assertEquals("DevOps but no MLOps", m.targetName());
  }

  @Test
  void highestAnswersReachTheTopOfBothScales() {
    MaturityScore s = SCORING.score(answersAt(3));
    assertEquals(2, s.overall().get(Scale.GOOGLE));
    assertEquals(4, s.overall().get(Scale.MICROSOFT));
    // data: feature-store (Microsoft 3) and automated-skew (4): the weakest decides, and 3 is all it offers
    assertEquals(3, dim(s, "data").level().get(Scale.MICROSOFT));
    assertNull(dim(s, "data").next().get(Scale.MICROSOFT).targetLevel());
    assertEquals(4, dim(s, "monitoring").level().get(Scale.MICROSOFT));
    assertNull(dim(s, "monitoring").next().get(Scale.GOOGLE).targetLevel());
  }

  @Test
  void mixedAnswersWorkedByHand() {
    // every question at its second answer, except data-pipeline at 'pipeline-steps' (Google 1, Microsoft 2)
    Map<String, String> a = answersAt(1);
    a.put("data-pipeline", "pipeline-steps");
    MaturityScore s = SCORING.score(a);
    MaturityScore.DimensionScore data = dim(s, "data");
    assertEquals(0, data.level().get(Scale.GOOGLE));       // data-validation 'manual' is Google 0
    assertEquals(1, data.level().get(Scale.MICROSOFT));    // min(2, 1)
    assertEquals(0.5, data.average().get(Scale.GOOGLE));
    assertEquals(1.5, data.average().get(Scale.MICROSOFT));
    assertEquals(List.of("data-validation"), data.next().get(Scale.MICROSOFT).actions().stream()
        .map(MaturityScore.Action::question).toList());
    assertEquals("automated", data.next().get(Scale.MICROSOFT).actions().getFirst().recommendedAnswer());
    // deployment: model-release 'scripted' (0, 1), pipeline-release 'manual' (1, 2)
    MaturityScore.DimensionScore deploy = dim(s, "deployment-automation");
    assertEquals(1, deploy.level().get(Scale.MICROSOFT));
    assertEquals(2, deploy.next().get(Scale.MICROSOFT).targetLevel());
    assertEquals(List.of("low-friction"), deploy.next().get(Scale.MICROSOFT).actions().stream()
        .map(MaturityScore.Action::recommendedAnswer).toList());
    // overall: the weakest dimension; averages over 14 answers: Google 3/14, Microsoft 17/14
    assertEquals(0, s.overall().get(Scale.GOOGLE));
    assertEquals(1, s.overall().get(Scale.MICROSOFT));
    assertEquals(0.21, s.overallAverage().get(Scale.GOOGLE));
    assertEquals(1.21, s.overallAverage().get(Scale.MICROSOFT));
  }
}
