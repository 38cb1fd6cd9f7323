package dev.modelgate.discussion;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A new thread: its title and an optional first comment; {@code subject} may be given in the body instead
 * of the query. A {@code team} field is still accepted from older clients and ignored: the thread belongs
 * to its subject's team.
 */
public record NewThread(String title, String text) {

  public static NewThread parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("title", "text", "subject", "team"));
    String title = f.requiredString("title", 200, null, null);
    String text = f.optionalString("text", NewComment.MAX_TEXT, null, null);
    f.optionalString("subject", 200, null, null);
    f.optionalString("team", 63, null, null);
    f.throwIfInvalid();
    return new NewThread(title, text);
  }
}
