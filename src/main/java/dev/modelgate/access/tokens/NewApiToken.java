package dev.modelgate.access.tokens;

import dev.modelgate.access.Role;
import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The body of {@code POST /api/v1/tokens}: name, team, roles (a subset of the creator's), days to live. */
public record NewApiToken(String name, String team, Set<Role> roles, int expiresInDays) {

  public static final int MAX_DAYS = 366;
  public static final int DEFAULT_DAYS = 30;
  private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  public static NewApiToken parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("name", "team", "roles", "expiresInDays"));
    String name = f.requiredString("name", 100, null, null);
    String team = f.requiredString("team", 63, TEAM, "must be a team slug");
    JsonArray raw = f.optionalArray("roles", Role.values().length);
    if (raw == null && f.valid()) {
      f.error("roles", "is required: the roles the token carries in the team");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (raw != null) {
      if (raw.isEmpty()) {
        f.error("roles", "must name at least one role");
      }
      for (int i = 0; i < raw.size(); i++) {
        if (raw.getValue(i) instanceof String s && Role.parse(s).isPresent()) {
          roles.add(Role.parse(s).get());
        } else {
          f.error("roles[" + i + "]", "must be one of viewer, product, engineer, compliance, lead");
        }
      }
    }
    Integer days = f.optionalInt("expiresInDays", 1, MAX_DAYS);
    f.throwIfInvalid();
    return new NewApiToken(name, team, roles, days == null ? DEFAULT_DAYS : days);
  }
}
