package dev.modelgate.maturity;

import java.util.List;
import java.util.Map;

/**
 * Scores of one assessment: per dimension and overall, on both scales, with what to do to reach the
 * next level of each dimension.
 */
public record MaturityScore(List<DimensionScore> dimensions, Map<Scale, Integer> overall,
    Map<Scale, Double> overallAverage) {

  /** A dimension's level (its weakest answer) and average on each scale, and the way to its next level. */
  public record DimensionScore(String dimension, String name, Map<Scale, Integer> level, Map<Scale, Double> average,
      Map<Scale, Recommendation> next) {}

  /**
   * The next level of one scale for one dimension and the answers that would reach it: for each question
   * answered below that level, the lowest option at or above it. {@code targetLevel} is null at the top.
   */
  public record Recommendation(Integer targetLevel, String targetName, String targetSummary, List<Action> actions) {}

  public record Action(String question, String questionText, String currentAnswer, String recommendedAnswer,
      String recommendedText) {}
}
