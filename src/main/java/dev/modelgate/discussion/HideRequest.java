package dev.modelgate.discussion;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A lead's hide of a comment: the optional reason shown in its place. Shared by the API and the pages. */
public record HideRequest(String reason) {

  public static final int MAX_REASON = 1000;

  public static HideRequest parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("reason"));
    String reason = f.optionalString("reason", MAX_REASON, null, null);
    f.throwIfInvalid();
    return new HideRequest(reason);
  }
}
