package dev.modelgate.notify.pages;

import dev.modelgate.notify.NotificationInbox;
import dev.modelgate.notify.StoredNotification;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.Formats;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The viewer's notifications ({@code /notifications}): newest first, a page at a time, unread ones
 * highlighted, each linking to its subject, with "mark read" and "mark all read" forms that work without
 * script. notifications.js adds what arrives while the page is open (and bumps the badge on every page).
 */
public final class NotificationPages {

  private final PageKit kit;
  private final NotificationInbox inbox;

  public NotificationPages(PageKit kit, NotificationInbox inbox) {
    this.kit = kit;
    this.inbox = inbox;
  }

  public void mount(PageMount mount) {
    mount.get("/notifications", this::list);
    mount.post("/notifications/read-all", this::markAllRead);
    mount.post("/notifications/:id/read", this::markRead);
  }

  /** One notification as the template shows it; {@code href} is a same-site path. */
  public record Item(String id, String kind, String team, String title, String href, String createdAt,
      boolean read) {}

  private PageResult list(PageCall call) {
    Viewer v = kit.viewer(call);
    NotificationInbox.Counters counters = inbox.counters(v.username());
    List<Item> items = new ArrayList<>();
    Long next = null;
    if (counters.latest() > 0) {
      long last = inbox.pageOf(counters.latest());
      long page = last;
      if (call.query("after").isPresent()) {
        page = pageNumber(call.query("after").get());
        if (page < 0 || page > last) {
          throw PageKit.notFound();
        }
      }
      // The newest bucket may hold a single item: fill the page from the one before it.
      while (page >= 0 && items.size() < NotificationInbox.PAGE_SIZE) {
        inbox.page(v.username(), page, counters).reversed().stream().filter(n -> n.visibleTo(v.principal()))
            .forEach(n -> items.add(item(n)));
        page--;
      }
      next = page >= 0 ? page : null;
    }
    Map<String, Object> vars = new HashMap<>();
    vars.put("items", items);
    vars.put("next", next);
    vars.put("firstPage", call.query("after").isEmpty());
    vars.put("page", call.query("after").orElse(""));
    return kit.render(200, "notifications", "Notifications", v, call, vars);
  }

  private PageResult markRead(PageCall call) {
    Viewer v = kit.formViewer(call);
    long seq = pageNumber(call.path("id"));
    if (seq <= 0 || inbox.markRead(v.principal(), seq).isEmpty()) {
      throw PageKit.notFound();
    }
    return PageKit.redirect(call, back(call), Flash.success("Marked read."));
  }

  private PageResult markAllRead(PageCall call) {
    Viewer v = kit.formViewer(call);
    inbox.markAllRead(v.username());
    return PageKit.redirect(call, "/notifications", Flash.success("All notifications marked read."));
  }

  /** Back to the page of the list the form was on. */
  private static String back(PageCall call) {
    Optional<String> page = call.field("page").filter(p -> pageNumber(p) >= 0);
    return page.map(p -> "/notifications?after=" + p).orElse("/notifications");
  }

  static Item item(StoredNotification s) {
    var n = s.notification();
    return new Item(Long.toString(s.seq()), n.kind(), n.team() == null ? "\u2014" : n.team(), n.title(), href(n.link(), n.subjectType(),
        n.subjectId()), Formats.INSTANCE.time(s.createdAt()), s.read());
  }

  /** The notification's own link when it is a path on this site, else its subject's page. */
  static String href(String link, String subjectType, String subjectId) {
    if (link != null && link.startsWith("/") && !link.startsWith("//") && !link.contains("\\")) {
      return link;
    }
    return subjectPath(subjectType, subjectId);
  }

  static String subjectPath(String type, String id) {
    String base = switch (type == null ? "" : type) {
      case "task" -> "/tasks/";
      case "workflow" -> "/workflows/";
      case "model-version" -> "/model-versions/";
      case "project" -> "/projects/";
      case "thread" -> "/threads/";
      default -> null;
    };
    return base == null || id == null ? "/notifications" : base + java.net.URLEncoder.encode(id,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A non-negative number, or -1. */
  private static long pageNumber(String s) {
    try {
      long n = Long.parseLong(s);
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
