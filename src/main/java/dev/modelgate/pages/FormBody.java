package dev.modelgate.pages;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a page form post must be before its fields are read: URL-encoded (the pages' forms are; a multipart
 * body is decoded by other rules), and UTF-8 in every percent-decoded name and value. The form decoder puts
 * U+FFFD in place of byte sequences that are not UTF-8 (a surrogate written as bytes among them), so without
 * this check such text would reach storage past the text rule that the API's strict JSON bodies enforce.
 */
public final class FormBody {

  public static final String URL_ENCODED = "application/x-www-form-urlencoded";

  /** Why the form post cannot be read. */
  public record Refusal(int status, String message) {}

  private FormBody() {}

  /** Empty when the post may be read; otherwise its refusal (415 for another media type, 400 for bad text). */
  public static Optional<Refusal> check(String contentType, Buffer body) {
    boolean empty = body == null || body.length() == 0;
    String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals(URL_ENCODED)) {
      return empty && base.isEmpty() ? Optional.empty()
          : Optional.of(new Refusal(415, "Forms are sent as " + URL_ENCODED + "."));
    }
    if (empty) {
      return Optional.empty();
    }
    for (String pair : body.toString(StandardCharsets.ISO_8859_1).split("&", -1)) {
      for (String part : pair.split("=", 2)) {
        if (!utf8(part)) {
          return Optional.of(new Refusal(400, "The form holds text that is not UTF-8. Reload the page and try "
              + "again."));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the percent-decoded bytes of one name or value are UTF-8 (a malformed escape is not). */
  private static boolean utf8(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          return false;
        }
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return false;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.write(c == '+' ? ' ' : c);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
