package dev.modelgate.maturity;

import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.registry.Project;
import dev.modelgate.timetracking.TimeReports;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Evidence from time tracking and cost–benefit: is the project's cost known, and set against benefit? */
public final class CostEvidence implements MaturityEvidence {

  private final TimeReports time;
  private final CostBenefit costBenefit;

  public CostEvidence(TimeReports time, CostBenefit costBenefit) {
    this.time = time;
    this.costBenefit = costBenefit;
  }

  @Override
  public List<Suggestion> suggest(Project project) {
    Optional<LocalDate> since = time.firstDate(project);
    if (since.isEmpty()) {
      return List.of();
    }
    long costs = costBenefit.costSummary(project).count();
    long benefits = costBenefit.benefitSummary(project).count();
    String facts = "time is logged on the project since " + since.get()
        + "; " + costs + " infrastructure cost records; " + benefits + " realised benefit records";
    if (project.expectedBenefitPerMonth() != null && benefits > 0) {
      return List.of(new Suggestion("cost-tracking", "cost-benefit", facts + "; an expected benefit per month is set"));
    }
    return List.of(new Suggestion("cost-tracking", "tracked", facts));
  }
}
