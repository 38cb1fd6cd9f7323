package dev.modelgate.discussion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Comment Markdown becomes HTML that cannot run script, whatever the author wrote. */
class MarkdownRendererTest {

  private final MarkdownRenderer renderer = new MarkdownRenderer();

  private String html(String markdown) {
    return renderer.render(markdown).html();
  }

  /**
   * Parses the output as a browser would and checks that nothing in it can run: no script-capable
   * elements, no event-handler attributes, and every URL attribute http(s) or mailto. (Dangerous text
   * such as "javascript:alert(1)" may remain visible as plain text.)
   */
  private static void assertInert(String html) {
    Document doc = Jsoup.parseBodyFragment(html);
    assertTrue(doc.select("script, iframe, img, style, svg, object, embed, form, input, link, meta").isEmpty(), html);
    for (Element e : doc.getAllElements()) {
      for (Attribute a : e.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        assertFalse(name.startsWith("on"), html);
        assertFalse(name.equals("style") || name.equals("src") || name.equals("srcdoc"), html);
        if (name.equals("href")) {
          String v = a.getValue().trim().toLowerCase(Locale.ROOT);
          assertTrue(v.startsWith("http://") || v.startsWith("https://") || v.startsWith("mailto:"), html);
        }
      }
    }
    String lower = html.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<script"), html);
    assertFalse(lower.contains("href=\"javascript"), html);
  }

  @Test
  void rendersOrdinaryMarkdown() {
    String html = html("# Title\n\nSome **bold** and _em_ text with `code` and a [link](https://example.org/x).\n\n"
        + "- one\n- two\n");
    assertTrue(html.contains("<h1>Title</h1>"), html);
    assertTrue(html.contains("<strong>bold</strong>"), html);
    assertTrue(html.contains("<em>em</em>"), html);
    assertTrue(html.contains("<code>code</code>"), html);
    assertTrue(html.contains("<a href=\"https://example.org/x\" rel=\"nofollow noopener noreferrer\">link</a>"), html);
    assertTrue(html.contains("<li>one</li>"), html);
  }

  @Test
  void scriptTagsAreEscapedNotExecuted() {
    String html = html("hello <script>alert(1)</script> world\n\n<script>\nalert(2)\n</script>\n");
    assertInert(html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
  }

  @Test
  void eventHandlerAttributesNeverSurvive() {
    for (String attack : new String[] {
        "<img src=x onerror=alert(1)>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
        "<div onmouseover='alert(1)'>hover</div>",
        "<svg onload=alert(1)></svg>",
        "[x](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
    }) {
      String html = html(attack);
      assertInert(html);
    }
  }

  @Test
  void javascriptAndOtherDangerousUrlsAreDropped() {
    for (String attack : new String[] {
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](java&#115;cript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
        "![img](javascript:alert(1))",
        "[ref]\n\n[ref]: javascript:alert(1)",
    }) {
      String html = html(attack);
      assertInert(html);
    }
  }

  @Test
  void rawHtmlIsShownAsTextNotMarkup() {
    String html = html("<b>bold?</b> <iframe src=\"https://evil.example\"></iframe> <style>body{}</style>");
    assertInert(html);
    assertTrue(html.contains("&lt;b&gt;bold?&lt;/b&gt;"), html);
    assertFalse(html.contains("<b>"), html);
  }

  @Test
  void mentionsComeFromTextButNotFromCodeOrEmails() {
    MarkdownRenderer.Rendered r = renderer.render(
        "Hi @bob and @alice.smith, see `@notme` and\n\n```\n@codeblock\n```\nmail me at carol@example.org, @dave.");
    assertEquals(Set.of("bob", "alice.smith", "dave"), r.mentions());
  }
}
