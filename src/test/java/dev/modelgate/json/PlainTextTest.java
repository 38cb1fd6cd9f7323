package dev.modelgate.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.kernel.PlainText;
import dev.modelgate.kernel.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which characters request text may hold, as every string reader of a request body applies it. */
class PlainTextTest {

  @Test
  void loneSurrogatesAndControlCharactersAreRefusedWithWhereTheyAre() {
    assertTrue(PlainText.problem("\ud800").orElseThrow().contains("U+D800 at character 1"));
    assertTrue(PlainText.problem("ab\udc00").orElseThrow().contains("U+DC00 at character 3"));
    assertTrue(PlainText.problem("\udc00\ud800").isPresent(), "a pair in the wrong order is two lone surrogates");
    assertTrue(PlainText.problem("\ud83d\ude00\u0000").orElseThrow().contains("U+0000 at character 2"),
        "a surrogate pair is one character");
    for (String control : List.of("\u0000", "\u0007", "\u001b", "\u001f", "\u007f", "\u0085", "\u009f")) {
      assertTrue(PlainText.problem("x" + control + "y").isPresent(), () -> Integer.toHexString(control.charAt(0)));
    }
  }

  @Test
  void tabLineBreaksAndAnyValidUnicodeAreText() {
    for (String ok : List.of("plain", "tab\tand\r\nlines\n", "emoji \ud83d\ude00", "\u00e9\u4e2d\u00a0\u2028", "")) {
      assertTrue(PlainText.problem(ok).isEmpty(), ok);
    }
  }

  @Test
  void everyStringFieldOfABodyIsCheckedAndNamed() {
    JsonObject body = new JsonObject().put("title", "bell\u0007").put("nested", new JsonObject().put("name", "\ud800"))
        .put("fine", "ok\tok");
    JsonFields f = JsonFields.of(body, Set.of("title", "nested", "fine"));
    assertNull(f.requiredString("title", 200, null, null));
    assertEquals("ok\tok", f.optionalString("fine", 200, null, null));
    JsonFields n = f.nested("nested", body.getJsonObject("nested"), Set.of("name"));
    assertNull(n.optionalString("name", 200, null, null));
    Refusal e = assertThrows(Refusal.class, f::throwIfInvalid);
    assertEquals(List.of("title", "nested.name"), e.fields().stream().map(Refusal.InvalidField::field).toList());
    assertEquals("title", e.field().orElseThrow());
  }

  @Test
  void stringsAParserReadsItselfAreCheckedByTheSameRule() {
    JsonFields f = JsonFields.of(new JsonObject().put("tags", new JsonArray().add("a\u0000")), Set.of("tags"));
    assertFalse(f.plainText("tags[0]", "a\u0000"));
    assertTrue(f.plainText("tags[1]", "fine"));
    Refusal e = assertThrows(Refusal.class, f::throwIfInvalid);
    assertEquals("tags[0]", e.field().orElseThrow());
  }
}
