package dev.modelgate.timetracking;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/** Running timers in {@code timers}, keyed by user name: the unique key is the one-timer-per-user rule. */
public final class TimerRepository {

  private final MongoCollection<Document> timers;

  public TimerRepository(Store store) {
    this.timers = store.collection("timers");
  }

  /** False when the user already has a running timer. */
  public boolean insert(Timer t) {
    Document link = t.link() == null ? null : new Document("type", t.link().type()).append("id", t.link().id());
    try {
      timers.insertOne(new Document("_id", t.user()).append("timerId", t.id()).append("projectId", t.projectId())
          .append("team", t.team()).append("activity", t.activity().id()).append("note", t.note())
          .append("billable", t.billable()).append("link", link).append("role", t.role())
          .append("startedAt", Date.from(t.startedAt())));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<Timer> find(String user) {
    Document d = timers.find(eq("_id", user)).first();
    if (d == null) {
      return Optional.empty();
    }
    Document l = d.get("link", Document.class);
    return Optional.of(new Timer(d.getString("timerId"), d.getString("_id"), d.getString("projectId"),
        d.getString("team"), Activity.parse(d.getString("activity")).orElse(Activity.OTHER), d.getString("note"),
        d.getBoolean("billable", true), l == null ? null : new TimeEntry.Link(l.getString("type"), l.getString("id")),
        d.getString("role"), d.getDate("startedAt").toInstant()));
  }

  /** Removes this particular timer (not a newer one the user started meanwhile). */
  public void delete(Timer t) {
    timers.deleteOne(and(eq("_id", t.user()), eq("timerId", t.id())));
  }
}
