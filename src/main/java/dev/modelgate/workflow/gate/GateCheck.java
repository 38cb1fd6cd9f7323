package dev.modelgate.workflow.gate;

/**
 * One check of the gate: which rule, on which metric and segment (null = overall), the candidate's and
 * the baseline's values, the threshold, and whether it passed. {@code detail} says it in words.
 */
public record GateCheck(Kind kind, String metric, String segment, Double candidate, Double baseline,
    Double threshold, boolean passed, String detail) {

  /** The rules the gate applies. */
  public enum Kind {
    MINIMUM, MAXIMUM, REGRESSION, SEGMENT_REGRESSION, FAIRNESS_GAP, REQUIRED_SEGMENT, MISSING_SEGMENT, BASELINE;

    public String id() {
      return name().toLowerCase().replace('_', '-');
    }
  }
}
