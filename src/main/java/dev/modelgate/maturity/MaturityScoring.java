package dev.modelgate.maturity;

import dev.modelgate.maturity.MaturityScore.Action;
import dev.modelgate.maturity.MaturityScore.DimensionScore;
import dev.modelgate.maturity.MaturityScore.Recommendation;
import dev.modelgate.maturity.Questionnaire.Dimension;
import dev.modelgate.maturity.Questionnaire.Option;
import dev.modelgate.maturity.Questionnaire.Question;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores answers as the questionnaire's {@code scoring} text says: a dimension is at the lowest level of
 * its answers (the weakest practice decides); overall is the lowest dimension, where a dimension already
 * at the highest level its questions offer counts as the top of the scale; averages are reported too.
 */
public final class MaturityScoring {

  private final Questionnaire questionnaire;

  public MaturityScoring(Questionnaire questionnaire) {
    this.questionnaire = questionnaire;
  }

  /** Scores a complete set of answers (question id → option id), as checked by {@link MaturityAnswers}. */
  public MaturityScore score(Map<String, String> answers) {
    List<DimensionScore> dims = new ArrayList<>();
    Map<Scale, Integer> overall = new EnumMap<>(Scale.class);
    Map<Scale, Double> overallSum = new EnumMap<>(Scale.class);
    int answered = 0;
    for (Dimension d : questionnaire.dimensions()) {
      Map<Scale, Integer> level = new EnumMap<>(Scale.class);
      Map<Scale, Double> average = new EnumMap<>(Scale.class);
      Map<Scale, Recommendation> next = new EnumMap<>(Scale.class);
      for (Scale scale : Scale.values()) {
        int min = Integer.MAX_VALUE;
        int sum = 0;
        for (Question q : d.questions()) {
          int l = chosen(q, answers).level(scale);
          min = Math.min(min, l);
          sum += l;
        }
        level.put(scale, min);
        average.put(scale, round((double) sum / d.questions().size()));
        overall.merge(scale, min == reachable(d, scale) ? scale.max() : min, Math::min);
        overallSum.merge(scale, (double) sum, Double::sum);
        next.put(scale, recommend(d, scale, min, answers));
      }
      answered += d.questions().size();
      dims.add(new DimensionScore(d.id(), d.name(), level, average, next));
    }
    Map<Scale, Double> overallAverage = new EnumMap<>(Scale.class);
    int n = answered;
    overallSum.forEach((scale, sum) -> overallAverage.put(scale, round(sum / n)));
    return new MaturityScore(dims, overall, overallAverage);
  }

  /** The highest level this dimension's questions let it reach: the lowest of their best options. */
  static int reachable(Dimension d, Scale scale) {
    return d.questions().stream()
        .mapToInt(q -> q.options().stream().mapToInt(o -> o.level(scale)).max().orElse(0)).min().orElse(0);
  }

  private Recommendation recommend(Dimension d, Scale scale, int current, Map<String, String> answers) {
    // the next level that the answers of this dimension can actually reach
    int reachable = reachable(d, scale);
    Optional<Integer> target = d.questions().stream().flatMap(q -> q.options().stream())
        .map(o -> o.level(scale)).filter(l -> l > current && l <= reachable).min(Comparator.naturalOrder());
    if (target.isEmpty()) {
      return new Recommendation(null, null, null, List.of());
    }
    int t = target.get();
    List<Action> actions = new ArrayList<>();
    for (Question q : d.questions()) {
      Option chosen = chosen(q, answers);
      if (chosen.level(scale) >= t) {
        continue;
      }
      q.options().stream().filter(o -> o.level(scale) >= t).min(Comparator.comparingInt(o -> o.level(scale)))
          .ifPresent(o -> actions.add(new Action(q.id(), q.text(), chosen.id(), o.id(), o.text())));
    }
    Questionnaire.Level level = questionnaire.level(scale, t);
    return new Recommendation(t, level.name(), level.summary(), actions);
  }

  private static Option chosen(Question q, Map<String, String> answers) {
    return q.option(answers.get(q.id())).orElseThrow(() -> new IllegalArgumentException(
        "no valid answer for " + q.id()));
  }

  private static double round(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
