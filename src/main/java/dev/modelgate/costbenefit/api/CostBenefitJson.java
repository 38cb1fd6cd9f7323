package dev.modelgate.costbenefit.api;

import dev.modelgate.costbenefit.CostBenefitAnalysis;
import dev.modelgate.costbenefit.LedgerItem;
import dev.modelgate.costbenefit.TeamRates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON of rates, ledger items and the analysis. */
public final class CostBenefitJson {

  private CostBenefitJson() {}

  public static JsonObject rates(TeamRates r) {
    JsonObject hourly = new JsonObject();
    r.hourly().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> hourly.put(e.getKey().id(), e.getValue()));
    return new JsonObject().put("team", r.team()).put("currency", r.currency()).put("hourly", hourly)
        .put("updatedBy", r.updatedBy()).put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
  }

  public static JsonObject item(LedgerItem i) {
    return new JsonObject().put("id", i.id()).put("projectId", i.projectId()).put("date", i.date().toString())
        .put("amount", i.amount()).put("category", i.category()).put("note", i.note())
        .put("createdBy", i.createdBy()).put("createdAt", i.createdAt().toString());
  }

  public static JsonObject analysis(CostBenefitAnalysis a) {
    JsonArray byRole = new JsonArray();
    a.labour().byRole().forEach(r -> byRole.add(new JsonObject().put("role", r.role()).put("hours", r.hours())
        .put("rate", r.rate()).put("cost", r.cost())));
    JsonArray steps = new JsonArray();
    a.waiting().bySteps().forEach(s -> steps.add(new JsonObject().put("step", s.step()).put("role", s.role())
        .put("hours", s.hours())));
    return new JsonObject().put("projectId", a.projectId()).put("currency", a.currency())
        .put("asOf", a.asOf().toString())
        .put("labour", new JsonObject().put("hours", a.labour().hours()).put("cost", a.labour().cost())
            .put("byRole", byRole).put("rolesWithoutRate", new JsonArray(a.labour().rolesWithoutRate())))
        .put("infrastructureToDate", a.infrastructureToDate())
        .put("costToDate", a.costToDate())
        .put("runRate", new JsonObject().put("last30Days", runRate(a.last30Days()))
            .put("last90Days", runRate(a.last90Days())))
        .put("benefit", new JsonObject().put("expectedPerMonth", a.benefit().expectedPerMonth())
            .put("realisedToDate", a.benefit().realisedToDate())
            .put("realisedLast90Days", a.benefit().realisedLast90Days())
            .put("realisedPerMonthLast90Days", a.benefit().realisedPerMonthLast90Days()))
        .put("payback", new JsonObject().put("onExpectedBenefit", payback(a.paybackOnExpected()))
            .put("onRealisedBenefit", payback(a.paybackOnRealised())))
        .put("waiting", new JsonObject().put("stepHours", a.waiting().stepHours())
            .put("humanStepHours", a.waiting().humanStepHours())
            .put("shareWaitingOnReviewsAndSignOffs", a.waiting().shareWaitingOnPeople()).put("bySteps", steps))
        .put("warnings", new JsonArray(a.warnings()));
  }

  private static JsonObject runRate(CostBenefitAnalysis.RunRate r) {
    return new JsonObject().put("days", r.days()).put("labour", r.labour()).put("infrastructure", r.infrastructure())
        .put("total", r.total()).put("perMonth", r.perMonth());
  }

  private static JsonObject payback(CostBenefitAnalysis.Payback p) {
    return new JsonObject().put("remaining", p.remaining()).put("netPerMonth", p.netPerMonth())
        .put("months", p.months()).put("estimatedDate", p.estimatedDate() == null ? null : p.estimatedDate().toString())
        .put("paidBack", p.paidBack()).put("note", p.note());
  }
}
