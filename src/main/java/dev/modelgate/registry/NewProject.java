package dev.modelgate.registry;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/** A request to create a project in a team. */
public record NewProject(String slug, String name, String description, Double expectedBenefitPerMonth,
    Double budget, String currency) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final double MAX_MONEY = 1e13;

  public static NewProject parse(JsonObject body) {
    JsonFields f = JsonFields.of(body,
        Set.of("slug", "name", "description", "expectedBenefitPerMonth", "budget", "currency"));
    String slug = f.requiredString("slug", 63, NewTeam.SLUG, NewTeam.SLUG_HINT);
    String name = f.requiredString("name", 200, null, null);
    String description = f.optionalString("description", 5000, null, null);
    Double benefit = f.optionalNumber("expectedBenefitPerMonth", 0, MAX_MONEY);
    Double budget = f.optionalNumber("budget", 0, MAX_MONEY);
    String currency = f.optionalString("currency", 3, CURRENCY, "must be an ISO 4217 code such as EUR or USD");
    f.throwIfInvalid();
    return new NewProject(slug, name.strip(), description, benefit, budget, currency == null ? "EUR" : currency);
  }
}
