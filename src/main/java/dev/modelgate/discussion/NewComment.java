package dev.modelgate.discussion;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A new comment as posted: Markdown text and, for a reply, the id of the comment it answers. */
public record NewComment(String text, String parentId) {

  public static final int MAX_TEXT = 20_000;

  public static NewComment parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("text", "parentId"));
    String text = f.requiredString("text", MAX_TEXT, null, null);
    String parentId = f.optionalString("parentId", 64, null, null);
    f.throwIfInvalid();
    return new NewComment(text, parentId);
  }

  /** The body of an edit: only the new text. */
  public static String parseEdit(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("text"));
    String text = f.requiredString("text", MAX_TEXT, null, null);
    f.throwIfInvalid();
    return text;
  }
}
