package dev.modelgate.maturity;

import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.maturity.api.MaturityRoutes;
import dev.modelgate.maturity.pages.MaturitySection;
import dev.modelgate.registry.Registry;
import dev.modelgate.timetracking.TimeReports;
import java.util.ArrayList;
import java.util.List;

/**
 * MLOps maturity assessments per project, with answers pre-filled from evidence: the registry's, the
 * costs', and what later features contribute ({@code more}, e.g. the workflows a project ran).
 */
public final class MaturityFeature implements Feature {

  private final Registry registry;
  private final Maturity maturity;

  public MaturityFeature(Foundation f, Registry registry, TimeReports timeReports, CostBenefit costBenefit,
      List<MaturityEvidence> more) {
    this.registry = registry;
    List<MaturityEvidence> evidence = new ArrayList<>(List.of(new RegistryEvidence(registry),
        new CostEvidence(timeReports, costBenefit)));
    evidence.addAll(more);
    this.maturity = new Maturity(Questionnaire.load(), new MaturityRepository(f.store()), evidence, f.auditLog(),
        f.clock());
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new MaturityRoutes(maturity, registry).table());
    MaturitySection.contribute(edge.kit().subjects(), edge.kit(), maturity);
  }
}
