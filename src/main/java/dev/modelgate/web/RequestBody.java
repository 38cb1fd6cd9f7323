package dev.modelgate.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body as its route declares it ({@link ApiRoute.BodyKind}), before the route's team is
 * looked up or its handler runs, so a body the route cannot take is a 400 that changes nothing, whether or
 * not the handler would have looked at it. A route that takes no body accepts none or an empty object
 * {@code {}} (what generic clients send with a bodiless POST); a present body is always a JSON object.
 */
final class RequestBody {

  private RequestBody() {}

  /** The body as a JSON object, or null when there is none; a 400 problem when the route cannot take it. */
  static JsonObject read(ApiRoute.BodyKind kind, Buffer raw) {
    boolean absent = raw == null || raw.length() == 0 || raw.toString().isBlank();
    if (absent) {
      if (kind == ApiRoute.BodyKind.JSON) {
        throw ProblemException.badRequest("body", "a JSON object is required");
      }
      return null;
    }
    JsonObject json = parse(raw.toString());
    if (kind == ApiRoute.BodyKind.NONE && !json.isEmpty()) {
      List<Problem.FieldError> errors = new ArrayList<>();
      json.fieldNames().stream().sorted().forEach(name ->
          errors.add(new Problem.FieldError(name, "unknown field (this request takes no body)")));
      throw ProblemException.invalidFields(errors);
    }
    return json;
  }

  private static JsonObject parse(String text) {
    if (!text.stripLeading().startsWith("{")) {
      throw ProblemException.badRequest("body", "must be a JSON object");
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw ProblemException.badRequest("body", "malformed JSON: " + conciseMessage(e));
    }
  }

  private static String conciseMessage(DecodeException e) {
    String m = e.getMessage() == null ? "unreadable" : e.getMessage();
    // Jackson appends the whole source; keep the first line with the position.
    int cut = m.indexOf("\n at [Source");
    String head = (cut > 0 ? m.substring(0, cut) : m).replace("Failed to decode:", "").trim();
    int line = m.indexOf("line: ");
    if (line > 0) {
      int end = m.indexOf(']', line);
      head = head.lines().findFirst().orElse(head) + " (" + m.substring(line, end > 0 ? end : m.length()) + ")";
    }
    return head.length() > 300 ? head.substring(0, 300) : head;
  }
}
