package dev.modelgate.costbenefit.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.SubjectPages;
import dev.modelgate.registry.Project;
import java.util.Optional;

/** The cost–benefit analysis on a project's page, for those who may read it. */
public final class CostBenefitSection {

  private CostBenefitSection() {}

  public static void contribute(SubjectPages subjects, PageKit kit, CostBenefit costBenefit) {
    subjects.contribute(SubjectType.PROJECT, (vars, v, call, subject, resource) ->
        vars.put("costBenefit", kit.allows(v, Permission.COST_BENEFIT_READ, subject.team())
            ? costBenefit.analyse((Project) resource, Optional.empty())
            : null));
  }
}
