package dev.modelgate.notify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.access.Principal;
import dev.modelgate.store.BucketedList;
import dev.modelgate.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Each person's notification list, in the store so every server replica sees the same list. An inbox
 * document per user holds a sequence counter ({@code $inc} allocates each notification's number, which is
 * also its id and its SSE event id), the "read everything up to" mark and a count of single reads above it;
 * the notifications themselves live in page documents keyed by user + page (bucket pattern). Every read
 * and write is a lookup by unique key.
 */
public final class NotificationInbox {

  public static final int PAGE_SIZE = 50;

  /** The counters of one inbox. */
  public record Counters(long latest, long readUpTo, long readAbove) {
    public long unread() {
      return Math.max(0, latest - readUpTo - readAbove);
    }
  }

  private final MongoCollection<Document> inboxes;
  private final BucketedList pages;
  private final Clock clock;

  public NotificationInbox(Store store, Clock clock) {
    this.inboxes = store.collection("notification_inboxes");
    this.pages = new BucketedList(store.collection("notification_pages"), PAGE_SIZE);
    this.clock = clock;
  }

  public void ensureIndexes() {
    pages.ensureIndexes();
  }

  public StoredNotification append(Notification n) {
    long seq = BucketedList.allocate(inboxes, n.recipient(), "seq", true).orElseThrow();
    Instant now = Instant.now(clock);
    pages.put(n.recipient(), seq, new Document("kind", n.kind()).append("team", n.team())
        .append("subjectType", n.subjectType()).append("subjectId", n.subjectId()).append("title", n.title())
        .append("link", n.link()).append("createdAt", Date.from(now)).append("read", false));
    return new StoredNotification(seq, n, now, false);
  }

  public Counters counters(String user) {
    Document d = inboxes.find(new Document("_id", user)).first();
    if (d == null) {
      return new Counters(0, 0, 0);
    }
    return new Counters(number(d, "seq"), number(d, "readUpTo"), number(d, "readAbove"));
  }

  /** The latest sequence number of each of these inboxes (one lookup by key for them all; absent = none). */
  public java.util.Map<String, Long> latest(java.util.Collection<String> users) {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    if (users.isEmpty()) {
      return out;
    }
    inboxes.find(com.mongodb.client.model.Filters.in("_id", users))
        .projection(com.mongodb.client.model.Projections.include("seq"))
        .forEach(d -> out.put(d.getString("_id"), number(d, "seq")));
    return out;
  }

  public long pageOf(long seq) {
    return pages.pageOf(seq);
  }

  /** One page of notifications, oldest first. */
  public List<StoredNotification> page(String user, long page, Counters counters) {
    List<StoredNotification> out = new ArrayList<>();
    pages.page(user, page).forEach(d -> out.add(fromDocument(user, d, counters)));
    return out;
  }

  /** Notifications with sequence numbers after {@code after}, oldest first, at most {@code max}. */
  public List<StoredNotification> after(String user, long after, long latest, int max) {
    List<StoredNotification> out = new ArrayList<>();
    Counters c = new Counters(latest, 0, 0);
    for (long page = pages.pageOf(after + 1); page <= pages.pageOf(latest) && out.size() < max; page++) {
      for (StoredNotification n : page(user, page, c)) {
        if (n.seq() > after && n.seq() <= latest && out.size() < max) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** Marks one notification read; empty when it does not exist. */
  public Optional<StoredNotification> markRead(String user, long seq) {
    return markRead(user, seq, n -> true);
  }

  /** Marks one of {@code who}'s notifications read; empty when it does not exist or is not theirs to see now. */
  public Optional<StoredNotification> markRead(Principal who, long seq) {
    return markRead(who.username(), seq, n -> n.visibleTo(who));
  }

  private Optional<StoredNotification> markRead(String user, long seq, Predicate<StoredNotification> visible) {
    Counters c = counters(user);
    Optional<StoredNotification> n = pages.get(user, seq).map(d -> fromDocument(user, d, c)).filter(visible);
    if (n.isPresent() && !n.get().read()) {
      // Only the request that flips the flag counts the read: concurrent reads of one notification count once.
      boolean flipped = pages.updateReturningBefore(user, seq, Updates.set(pages.path(seq, "read"), true))
          .map(before -> !before.getBoolean("read", false)).orElse(false);
      if (flipped) {
        inboxes.updateOne(new Document("_id", user), Updates.inc("readAbove", 1L));
      }
    }
    return n.map(x -> new StoredNotification(x.seq(), x.notification(), x.createdAt(), true));
  }

  /** Marks everything that has arrived so far read (one update of the inbox document). */
  public void markAllRead(String user) {
    long latest = counters(user).latest();
    inboxes.updateOne(new Document("_id", user),
        Updates.combine(Updates.max("readUpTo", latest), Updates.set("readAbove", 0L)),
        new UpdateOptions().upsert(true));
  }

  private static StoredNotification fromDocument(String user, Document d, Counters c) {
    long seq = number(d, "pos");
    Notification n = new Notification(user, d.getString("kind"), d.getString("team"), d.getString("subjectType"),
        d.getString("subjectId"), d.getString("title"), d.getString("link"));
    return new StoredNotification(seq, n, d.getDate("createdAt").toInstant(),
        d.getBoolean("read", false) || seq <= c.readUpTo());
  }

  private static long number(Document d, String field) {
    Object v = d.get(field);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
