package dev.modelgate.discussion.api;

import dev.modelgate.discussion.Comment;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.kernel.Subject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bson.Document;

/** The discussion feature's JSON representations. */
public final class DiscussionJson {

  private DiscussionJson() {}

  public static JsonObject subject(Subject s) {
    return new JsonObject().put("type", s.type().id()).put("id", s.id()).put("key", s.key());
  }

  public static JsonObject thread(DiscussionThread t) {
    return new JsonObject().put("id", t.id()).put("subject", subject(t.subject())).put("team", t.subject().team())
        .put("title", t.title()).put("createdBy", t.createdBy()).put("createdAt", t.createdAt().toString())
        .put("commentCount", t.commentCount());
  }

  public static JsonObject threadSummary(Document d) {
    return new JsonObject().put("id", d.getString("id")).put("title", d.getString("title"))
        .put("createdBy", d.getString("createdBy")).put("createdAt", d.getDate("createdAt").toInstant().toString());
  }

  /**
   * A comment as {@code viewer} may see it: a tombstone keeps only who wrote and deleted it; a hidden
   * comment's text goes only to those who may see hidden comments.
   */
  public static JsonObject comment(Comment c, boolean seesHidden) {
    JsonObject o = new JsonObject().put("id", c.id().toString()).put("threadId", c.id().threadId())
        .put("position", c.id().position()).put("parentId", c.parentId()).put("author", c.author())
        .put("createdAt", c.createdAt().toString()).put("editedAt", str(c.editedAt()))
        .put("deleted", c.isDeleted()).put("hidden", c.isHidden());
    if (c.isDeleted()) {
      return o.put("deletedBy", c.deleted().by()).put("deletedAt", c.deleted().at().toString());
    }
    if (c.isHidden()) {
      o.put("hiddenBy", c.hidden().by()).put("hiddenAt", c.hidden().at().toString())
          .put("hiddenReason", c.hidden().reason());
      if (!seesHidden) {
        return o;
      }
    }
    JsonArray history = new JsonArray();
    c.history().forEach(e -> history.add(new JsonObject().put("by", e.by()).put("at", e.at().toString())
        .put("previousText", e.previousText())));
    return o.put("text", c.text()).put("html", c.html()).put("history", history);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
