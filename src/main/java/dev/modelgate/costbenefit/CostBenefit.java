package dev.modelgate.costbenefit;

import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.costbenefit.CostBenefitAnalysis.Benefit;
import dev.modelgate.costbenefit.CostBenefitAnalysis.Labour;
import dev.modelgate.costbenefit.CostBenefitAnalysis.Payback;
import dev.modelgate.costbenefit.CostBenefitAnalysis.RoleCost;
import dev.modelgate.costbenefit.CostBenefitAnalysis.RunRate;
import dev.modelgate.costbenefit.CostBenefitAnalysis.StepTime;
import dev.modelgate.costbenefit.CostBenefitAnalysis.Waiting;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.Project;
import dev.modelgate.store.Ids;
import dev.modelgate.timetracking.TimeReports;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cost–benefit per project.
 *
 * <ul>
 *   <li>Labour cost: hours from the time counters × the team's hourly rate of the role each entry was
 *       logged under (roles without a rate are listed and count 0).
 *   <li>Cost to date: labour + infrastructure costs dated up to {@code asOf}.
 *   <li>Run-rate: the same over the last 30 and 90 days (including {@code asOf}), per month of 30 days.
 *   <li>Payback: cost not yet recovered (cost to date − realised benefit to date) ÷ (monthly benefit −
 *       90-day run-rate per month), once with the project's expected benefit, once with the realised
 *       benefit of the last 90 days per month.
 *   <li>Waiting: the share of recorded workflow-step time spent in human steps (reviews, sign-offs).
 * </ul>
 */
public final class CostBenefit {

  static final int MONTH_DAYS = 30;

  private final RatesRepository rates;
  private final LedgerRepository costs;
  private final LedgerRepository benefits;
  private final TimeReports time;
  private final AuditTrail audit;
  private final Clock clock;

  public CostBenefit(RatesRepository rates, LedgerRepository costs, LedgerRepository benefits, TimeReports time,
      AuditTrail audit, Clock clock) {
    this.rates = rates;
    this.costs = costs;
    this.benefits = benefits;
    this.time = time;
    this.audit = audit;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  // --- rates and ledgers -----------------------------------------------------------------------

  public TeamRates rates(String team) {
    return rates.find(team).orElse(new TeamRates(team, null, Map.of(), null, null));
  }

  public TeamRates setRates(Principal by, String team, String currency, Map<Role, Double> hourly) {
    TeamRates r = new TeamRates(team, currency, hourly, by.username(), Instant.now(clock));
    rates.save(r);
    Map<String, Object> details = new TreeMap<>();
    hourly.forEach((role, rate) -> details.put(role.id(), rate));
    audit.record(new AuditEvent(by.username(), "team.rates-set", team, "team", team,
        Map.of("currency", currency == null ? "" : currency, "hourly", details)));
    return r;
  }

  public LedgerItem addCost(Principal by, Project p, LedgerFields f) {
    return add(costs, "project.cost-recorded", by, p, f);
  }

  public LedgerItem addBenefit(Principal by, Project p, LedgerFields f) {
    return add(benefits, "project.benefit-recorded", by, p, f);
  }

  private LedgerItem add(LedgerRepository ledger, String action, Principal by, Project p, LedgerFields f) {
    LocalDate date = f.date() == null ? today() : f.date();
    if (date.isAfter(today().plusDays(1))) {
      throw Refusal.unacceptable("date", "must not be in the future");
    }
    LedgerItem item = new LedgerItem(Ids.newId(), p.id(), date, f.amount(), f.category(), f.note(), by.username(),
        Instant.now(clock));
    if (!ledger.append(item)) {
      throw Refusal.unacceptable("project", "the project's ledger is full ("
          + LedgerRepository.MAX_ITEMS + " items)");
    }
    audit.record(new AuditEvent(by.username(), action, p.team(), "project", p.id(),
        Map.of("amount", item.amount(), "date", date.toString(), "category", item.category() == null ? "" : item.category())));
    return item;
  }

  /** One page of the project's infrastructure costs in (date, id) order, and the ledger's count and total. */
  public LedgerPage costs(Project p, PageRequest page) {
    return page(costs, p, page);
  }

  /** One page of the project's realised benefits in (date, id) order, and the ledger's count and total. */
  public LedgerPage benefits(Project p, PageRequest page) {
    return page(benefits, p, page);
  }

  public LedgerRepository.Summary costSummary(Project p) {
    return costs.summary(p.id());
  }

  public LedgerRepository.Summary benefitSummary(Project p) {
    return benefits.summary(p.id());
  }

  /** A page of a ledger with the whole ledger's figures. */
  public record LedgerPage(Page<LedgerItem> page, LedgerRepository.Summary summary) {}

  private static LedgerPage page(LedgerRepository ledger, Project p, PageRequest req) {
    Optional<LedgerRepository.Cursor> after = req.after().map(a -> LedgerRepository.Cursor.parse(a)
        .orElseThrow(() -> Refusal.invalid("after", "must be the 'next' value of a previous page")));
    List<LedgerItem> fetched = ledger.page(p.id(), after, req.limit() + 1);
    return new LedgerPage(Page.of(fetched, req.limit(), LedgerRepository.Cursor::of), ledger.summary(p.id()));
  }

  // --- analysis --------------------------------------------------------------------------------

  public CostBenefitAnalysis analyse(Project p, Optional<LocalDate> asOfParam) {
    LocalDate asOf = asOfParam.orElse(today());
    TeamRates teamRates = rates(p.team());
    List<String> warnings = new ArrayList<>();
    if (teamRates.currency() != null && !teamRates.currency().equals(p.currency())) {
      warnings.add("the team's rates are in " + teamRates.currency() + ", the project in " + p.currency());
    }
    LocalDate createdOn = LocalDate.ofInstant(p.createdAt(), ZoneOffset.UTC);
    LocalDate first = time.firstDate(p).filter(d -> d.isBefore(createdOn)).orElse(createdOn);
    LocalDate start = first.isAfter(asOf) ? asOf : first;

    Labour labour = labour(p, start, asOf, teamRates);
    LedgerRepository.Summary costItems = costSummary(p);
    LedgerRepository.Summary benefitItems = benefitSummary(p);
    double infra = costItems.sum(LocalDate.MIN, asOf);
    double costToDate = labour.cost() + infra;
    RunRate r30 = runRate(p, teamRates, costItems, asOf, 30);
    RunRate r90 = runRate(p, teamRates, costItems, asOf, 90);

    double realised = benefitItems.sum(LocalDate.MIN, asOf);
    double realised90 = benefitItems.sum(asOf.minusDays(89), asOf);
    Benefit benefit = new Benefit(p.expectedBenefitPerMonth(), money(realised), money(realised90),
        money(realised90 * MONTH_DAYS / 90));
    double remaining = costToDate - realised;
    Payback onExpected = p.expectedBenefitPerMonth() == null
        ? new Payback(money(remaining), null, null, null, remaining <= 0, "the project has no expected benefit")
        : payback(remaining, p.expectedBenefitPerMonth() - r90.perMonth(), asOf, "expected benefit");
    Payback onRealised = payback(remaining, realised90 * MONTH_DAYS / 90 - r90.perMonth(), asOf,
        "realised benefit of the last 90 days");

    return new CostBenefitAnalysis(p.id(), p.currency(), asOf, labour, money(infra), money(costToDate), r30, r90,
        benefit, onExpected, onRealised, waiting(p, start, asOf), warnings);
  }

  private Labour labour(Project p, LocalDate start, LocalDate end, TeamRates teamRates) {
    Map<String, Long> minutesByRole = new TreeMap<>();
    time.minutesByUserAndRole(p, start, end).values()
        .forEach(byRole -> byRole.forEach((role, m) -> minutesByRole.merge(role, m, Long::sum)));
    List<RoleCost> byRole = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    double hours = 0;
    double cost = 0;
    for (Map.Entry<String, Long> e : minutesByRole.entrySet()) {
      double h = e.getValue() / 60.0;
      Double rate = Role.parse(e.getKey()).map(teamRates.hourly()::get).orElse(null);
      if (rate == null && e.getValue() != 0) {
        missing.add(e.getKey());
      }
      double c = rate == null ? 0 : h * rate;
      byRole.add(new RoleCost(e.getKey(), round(h, 2), rate, money(c)));
      hours += h;
      cost += c;
    }
    return new Labour(round(hours, 2), money(cost), byRole, missing);
  }

  private RunRate runRate(Project p, TeamRates teamRates, LedgerRepository.Summary costItems, LocalDate asOf,
      int days) {
    LocalDate from = asOf.minusDays(days - 1L);
    double labour = labour(p, from, asOf, teamRates).cost();
    double infra = costItems.sum(from, asOf);
    double total = labour + infra;
    return new RunRate(days, money(labour), money(infra), money(total), money(total * MONTH_DAYS / days));
  }

  private static Payback payback(double remaining, double netPerMonth, LocalDate asOf, String basis) {
    if (remaining <= 0) {
      return new Payback(money(remaining), money(netPerMonth), 0.0, asOf, true, "paid back");
    }
    if (netPerMonth <= 0) {
      return new Payback(money(remaining), money(netPerMonth), null, null, false,
          "the " + basis + " does not exceed the 90-day run-rate: no payback at this rate");
    }
    double months = remaining / netPerMonth;
    return new Payback(money(remaining), money(netPerMonth), round(months, 2),
        asOf.plusDays((long) Math.ceil(months * MONTH_DAYS)), false, "at the " + basis + " net of the 90-day run-rate");
  }

  private Waiting waiting(Project p, LocalDate start, LocalDate end) {
    Map<String, Map<String, Long>> steps = time.stepSecondsByStepAndRole(p, start, end);
    List<StepTime> bySteps = new ArrayList<>();
    long all = 0;
    long human = 0;
    for (Map.Entry<String, Map<String, Long>> step : steps.entrySet()) {
      for (Map.Entry<String, Long> role : step.getValue().entrySet()) {
        all += role.getValue();
        if (!role.getKey().isEmpty()) {
          human += role.getValue();
        }
        bySteps.add(new StepTime(step.getKey(), role.getKey().isEmpty() ? null : role.getKey(),
            round(role.getValue() / 3600.0, 2)));
      }
    }
    bySteps.sort(Comparator.comparing(StepTime::hours).reversed().thenComparing(StepTime::step));
    return new Waiting(round(all / 3600.0, 2), round(human / 3600.0, 2),
        all == 0 ? null : round((double) human / all, 4), bySteps);
  }

  public static double money(double v) {
    return round(v, 2);
  }

  static double round(double v, int places) {
    return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }
}
