package dev.modelgate.costbenefit;

import dev.modelgate.costbenefit.api.CostBenefitRoutes;
import dev.modelgate.costbenefit.pages.CostBenefitSection;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.TimeReports;

/** Costs (time spent × the team's rates, and other costs) against realised and expected benefits, per project. */
public final class CostBenefitFeature implements Feature {

  private final Registry registry;
  private final CostBenefit costBenefit;

  public CostBenefitFeature(Foundation f, Registry registry, TimeReports timeReports) {
    this.registry = registry;
    this.costBenefit = new CostBenefit(new RatesRepository(f.store()),
        new LedgerRepository(f.store(), "project_costs"), new LedgerRepository(f.store(), "project_benefits"),
        timeReports, f.auditLog(), f.clock());
  }

  public CostBenefit costBenefit() {
    return costBenefit;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new CostBenefitRoutes(costBenefit, registry).table());
    CostBenefitSection.contribute(edge.kit().subjects(), edge.kit(), costBenefit);
  }
}
