package dev.modelgate.costbenefit;

import java.time.LocalDate;
import java.util.List;

/**
 * A project's costs against its benefits as of a date. Money is in the project's currency; a month is
 * 30 days. See {@link CostBenefit} for how each figure is computed.
 */
public record CostBenefitAnalysis(String projectId, String currency, LocalDate asOf, Labour labour,
    double infrastructureToDate, double costToDate, RunRate last30Days, RunRate last90Days, Benefit benefit,
    Payback paybackOnExpected, Payback paybackOnRealised, Waiting waiting, List<String> warnings) {

  /** Logged hours and their cost, per role. */
  public record Labour(double hours, double cost, List<RoleCost> byRole, List<String> rolesWithoutRate) {}

  public record RoleCost(String role, double hours, Double rate, double cost) {}

  /** What the project cost over the last {@code days} days, and that as a monthly rate. */
  public record RunRate(int days, double labour, double infrastructure, double total, double perMonth) {}

  public record Benefit(Double expectedPerMonth, double realisedToDate, double realisedLast90Days,
      double realisedPerMonthLast90Days) {}

  /**
   * Months until the cost not yet recovered is paid back by the monthly benefit net of the 90-day
   * run-rate; null when the net monthly benefit is not positive (with the reason).
   */
  public record Payback(double remaining, Double netPerMonth, Double months, LocalDate estimatedDate,
      boolean paidBack, String note) {}

  /** Time workflow steps took, and the share of it spent waiting for people (reviews and sign-offs). */
  public record Waiting(double stepHours, double humanStepHours, Double shareWaitingOnPeople,
      List<StepTime> bySteps) {}

  public record StepTime(String step, String role, double hours) {}
}
