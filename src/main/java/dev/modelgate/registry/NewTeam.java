package dev.modelgate.registry;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/** A request to create a team. */
public record NewTeam(String slug, String name, String description) {

  public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  static final String SLUG_HINT = "must be 2-63 lower-case letters, digits or '-', starting with a letter or digit";

  public static NewTeam parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("slug", "name", "description"));
    String slug = f.requiredString("slug", 63, SLUG, SLUG_HINT);
    String name = f.requiredString("name", 200, null, null);
    String description = f.optionalString("description", 5000, null, null);
    f.throwIfInvalid();
    return new NewTeam(slug, name.strip(), description);
  }
}
