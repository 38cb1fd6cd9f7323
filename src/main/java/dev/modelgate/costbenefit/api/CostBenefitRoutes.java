package dev.modelgate.costbenefit.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.modelgate.access.Permission;
import dev.modelgate.access.Role;
import dev.modelgate.costbenefit.CostBenefit;
import dev.modelgate.costbenefit.LedgerFields;
import dev.modelgate.costbenefit.LedgerItem;
import dev.modelgate.json.JsonFields;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rates, infrastructure costs, realised benefits and the cost–benefit analysis over HTTP. */
public final class CostBenefitRoutes {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final double MAX_RATE = 100_000;

  private final CostBenefit costBenefit;
  private final Registry registry;

  public CostBenefitRoutes(CostBenefit costBenefit, Registry registry) {
    this.costBenefit = costBenefit;
    this.registry = registry;
  }

  public List<ApiRoute> table() {
    TeamScope team = TeamScope.pathParam("team");
    TeamScope projectTeam = TeamScope.resource(ctx -> {
      Project p = registry.project(ctx.pathParam("project"));
      return new TeamScope.Owned(p.team(), p);
    });
    return List.of(
        new ApiRoute(GET, "/teams/:team/rates", Permission.RATES_MANAGE, team, NONE, this::getRates),
        new ApiRoute(PUT, "/teams/:team/rates", Permission.RATES_MANAGE, team, JSON, this::putRates),
        new ApiRoute(POST, "/projects/:project/costs", Permission.INFRA_COST_RECORD, projectTeam, JSON,
            this::addCost),
        new ApiRoute(GET, "/projects/:project/costs", Permission.COST_BENEFIT_READ, projectTeam, NONE, this::costs),
        new ApiRoute(POST, "/projects/:project/benefits", Permission.BENEFIT_RECORD, projectTeam, JSON,
            this::addBenefit),
        new ApiRoute(GET, "/projects/:project/benefits", Permission.COST_BENEFIT_READ, projectTeam, NONE,
            this::benefits),
        new ApiRoute(GET, "/projects/:project/cost-benefit", Permission.COST_BENEFIT_READ, projectTeam, NONE,
            this::analysis));
  }

  private Reply getRates(ApiCall call) {
    registry.team(call.team());
    return Reply.ok(CostBenefitJson.rates(costBenefit.rates(call.team())));
  }

  private Reply putRates(ApiCall call) {
    registry.team(call.team());
    JsonFields f = JsonFields.of(call.body(), Set.of("currency", "hourly"));
    String currency = f.optionalString("currency", 3, CURRENCY, "must be an ISO 4217 code such as EUR or USD");
    JsonObject raw = f.optionalObject("hourly");
    if (raw == null && f.valid()) {
      f.error("hourly", "is required: an object of role to hourly rate, e.g. {\"engineer\": 95}");
    }
    Map<Role, Double> hourly = new EnumMap<>(Role.class);
    if (raw != null) {
      for (String key : raw.fieldNames()) {
        Object v = raw.getValue(key);
        if (Role.parse(key).isEmpty()) {
          f.error("hourly." + key, "is not a role (viewer, product, engineer, compliance, lead)");
        } else if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0
            || n.doubleValue() > MAX_RATE) {
          f.error("hourly." + key, "must be a number between 0 and " + (long) MAX_RATE);
        } else {
          hourly.put(Role.parse(key).get(), n.doubleValue());
        }
      }
    }
    f.throwIfInvalid();
    return Reply.ok(CostBenefitJson.rates(costBenefit.setRates(call.principal(), call.team(), currency, hourly)));
  }

  private Reply addCost(ApiCall call) {
    Project p = call.resource(Project.class);
    LedgerItem i = costBenefit.addCost(call.principal(), p, LedgerFields.parse(call.body()));
    return Reply.created(CostBenefitJson.item(i), "/api/v1/projects/" + p.id() + "/costs");
  }

  private Reply costs(ApiCall call) {
    return Reply.ok(items(costBenefit.costs(call.resource(Project.class), PageRequest.from(call))));
  }

  private Reply addBenefit(ApiCall call) {
    Project p = call.resource(Project.class);
    LedgerItem i = costBenefit.addBenefit(call.principal(), p, LedgerFields.parse(call.body()));
    return Reply.created(CostBenefitJson.item(i), "/api/v1/projects/" + p.id() + "/benefits");
  }

  private Reply benefits(ApiCall call) {
    return Reply.ok(items(costBenefit.benefits(call.resource(Project.class), PageRequest.from(call))));
  }

  /** A page of items; {@code total} and {@code count} are the whole ledger's, not the page's. */
  private static JsonObject items(CostBenefit.LedgerPage page) {
    return page.page().toJson(CostBenefitJson::item).put("total", CostBenefit.money(page.summary().total()))
        .put("count", page.summary().count());
  }

  private Reply analysis(ApiCall call) {
    Project p = call.resource(Project.class);
    java.util.Optional<LocalDate> asOf = call.query("asOf").map(v -> {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw Refusal.invalid("asOf", "must be a date such as 2026-01-31");
      }
    });
    return Reply.ok(CostBenefitJson.analysis(costBenefit.analyse(p, asOf)));
  }
}
