package dev.modelgate.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.modelgate.kernel.PlainText;
import dev.modelgate.kernel.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body as its route declares it ({@link ApiRoute.BodyKind}), before the route's team is
 * looked up or its handler runs, so a body the route cannot take is a 400 that changes nothing, whether or
 * not the handler would have looked at it. A route that takes no body accepts none or an empty object
 * {@code {}} (what generic clients send with a bodiless POST); a present body is always a JSON object.
 *
 * <p>Only strict JSON (RFC 8259) is a body: UTF-8 without invalid byte sequences (a lenient decoder would
 * store U+FFFD for them, and for surrogates encoded as bytes, past the text rule of {@link PlainText}), no
 * comments (which the JSON codec otherwise allows), no member named twice (readers disagree on which one
 * counts, so what a proxy or an audit reader sees need not be what was applied), nothing after the object.
 */
final class RequestBody {

  /** Jackson's defaults (no comments, no single quotes, ...) plus the duplicate-name check. */
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private RequestBody() {}

  /** The body as a JSON object, or null when there is none; a 400 problem when the route cannot take it. */
  static JsonObject read(ApiRoute.BodyKind kind, Buffer raw) {
    String text = raw == null ? "" : utf8(raw);
    boolean absent = text.isBlank();
    if (absent) {
      if (kind == ApiRoute.BodyKind.JSON) {
        throw Refusal.invalid("body", "a JSON object is required");
      }
      return null;
    }
    JsonObject json = parse(text);
    if (kind == ApiRoute.BodyKind.NONE && !json.isEmpty()) {
      List<Refusal.InvalidField> errors = new ArrayList<>();
      json.fieldNames().stream().sorted().forEach(name ->
          errors.add(new Refusal.InvalidField(name, "unknown field (this request takes no body)")));
      throw Refusal.invalidFields(errors);
    }
    return json;
  }

  private static JsonObject parse(String text) {
    if (!text.stripLeading().startsWith("{")) {
      throw Refusal.invalid("body", "must be a JSON object");
    }
    requireStrict(text);
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw Refusal.invalid("body", "malformed JSON: " + conciseMessage(e));
    }
  }

  private static String utf8(Buffer raw) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw.getBytes())).toString();
    } catch (CharacterCodingException e) {
      throw Refusal.invalid("body", "must be UTF-8 text (it holds a byte sequence that is not UTF-8)");
    }
  }

  /** Reads every token once: one object, strictly written, and nothing after it. */
  private static void requireStrict(String text) {
    try (JsonParser parser = STRICT.createParser(text)) {
      parser.nextToken();
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw Refusal.invalid("body", "malformed JSON: more after the object");
      }
    } catch (JsonProcessingException e) {
      throw Refusal.invalid("body", "malformed JSON: " + concise(e.getOriginalMessage(),
          e.getLocation() == null ? null : "line: " + e.getLocation().getLineNr() + ", column: "
              + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw Refusal.invalid("body", "malformed JSON");
    }
  }

  private static String concise(String message, String where) {
    String head = message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    head = where == null ? head : head + " (" + where + ")";
    return head.length() > 300 ? head.substring(0, 300) : head;
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
