package dev.modelgate.discussion;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Comment Markdown to safe HTML, in two independent layers: CommonMark renders with raw HTML escaped and
 * unsafe URLs (javascript:, vbscript:, data: ...) dropped, then jsoup cleans the result against an
 * allow-list (no script, no style, no event-handler attributes, links only http/https/mailto and marked
 * nofollow). Mentions are read from the parsed text, so {@code @name} inside code is not a mention.
 */
public final class MarkdownRenderer {

  /** Result of rendering: the safe HTML and the user names mentioned. */
  public record Rendered(String html, Set<String> mentions) {}

  private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9._@-])@([a-z0-9][a-z0-9._-]{1,62})");

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
      .softbreak("<br>").build();
  private final Safelist safelist = Safelist.basic()
      .addTags("h1", "h2", "h3", "h4", "h5", "h6", "hr", "del")
      .removeProtocols("a", "href", "ftp")
      .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");
  private final Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);

  public Rendered render(String markdown) {
    Node document = parser.parse(markdown);
    String html = Jsoup.clean(renderer.render(document), "", safelist, output).strip();
    Set<String> mentions = new LinkedHashSet<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        Matcher m = MENTION.matcher(text.getLiteral());
        while (m.find()) {
          mentions.add(trimTrailingPunctuation(m.group(1)));
        }
      }
    });
    return new Rendered(html, Set.copyOf(mentions));
  }

  /** "@bob." at the end of a sentence mentions bob. */
  private static String trimTrailingPunctuation(String name) {
    int end = name.length();
    while (end > 2 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == '-' || name.charAt(end - 1) == '_')) {
      end--;
    }
    return name.substring(0, end);
  }
}
