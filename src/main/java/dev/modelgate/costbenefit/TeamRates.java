package dev.modelgate.costbenefit;

import dev.modelgate.access.Role;
import java.time.Instant;
import java.util.Map;

/** A team's hourly rate per role, in one currency. Roles without a rate cost nothing (and are reported). */
public record TeamRates(String team, String currency, Map<Role, Double> hourly, String updatedBy, Instant updatedAt) {

  public TeamRates {
    hourly = Map.copyOf(hourly);
  }
}
