package dev.modelgate.maturity.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.maturity.Maturity;
import dev.modelgate.maturity.Scale;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.SubjectPages;
import dev.modelgate.registry.Project;

/** A project's latest scored maturity assessment on its page, with the scales, for those who may read it. */
public final class MaturitySection {

  private MaturitySection() {}

  public static void contribute(SubjectPages subjects, PageKit kit, Maturity maturity) {
    subjects.contribute(SubjectType.PROJECT, (vars, v, call, subject, resource) -> {
      boolean readable = kit.allows(v, Permission.MATURITY_READ, subject.team());
      vars.put("maturity", readable
          ? maturity.history((Project) resource).stream().filter(s -> s.score() != null).findFirst().orElse(null)
          : null);
      vars.put("google", Scale.GOOGLE);
      vars.put("microsoft", Scale.MICROSOFT);
      vars.put("maturityReadable", readable);
    });
  }
}
