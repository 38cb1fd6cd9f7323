package dev.modelgate.notify;

import dev.modelgate.web.ApiCall;
import dev.modelgate.web.EventStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live notification streams (Server-Sent Events). One shared {@link InboxWatcher} per server process
 * polls the inbox counters of everyone with a stream open here, in one query per {@code pollInterval}, and
 * wakes the streams whose inbox grew; each stream then reads its new notifications (lookups by key) on its
 * request's virtual thread. The store stays the channel, so a notification written by any replica reaches a
 * stream held by any other. Event ids are the
 * notifications' sequence numbers: a reconnecting client sends {@code Last-Event-ID} and gets what it
 * missed. A sequence number allocated but not written yet (the writer is between its two updates) is
 * waited for, and skipped only after {@code gapTimeout} (the writer died).
 */
public final class NotificationStream implements AutoCloseable {

  private static final int MAX_PER_POLL = 100;
  /** How long a stream sleeps at most between checks that its client is still there (no store read). */
  private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

  private final NotificationInbox inbox;
  private final Duration pollInterval;
  private final Duration heartbeat;
  private final Duration gapTimeout;
  private final AtomicInteger open = new AtomicInteger();
  private final InboxWatcher watcher;

  public NotificationStream(NotificationInbox inbox, Duration pollInterval, Duration heartbeat, Duration gapTimeout) {
    this.inbox = inbox;
    this.pollInterval = pollInterval;
    this.heartbeat = heartbeat;
    this.gapTimeout = gapTimeout;
    this.watcher = new InboxWatcher(inbox, pollInterval);
  }

  /**
   * Where the stream starts: after Last-Event-ID (header, or {@code lastEventId} query for clients that
   * cannot set headers), else after the latest notification. An id that is not ours counts as absent.
   */
  public long startAfter(ApiCall call) {
    return startAfter(call, inbox.counters(call.principal().username()).latest());
  }

  private static long startAfter(ApiCall call, long latest) {
    Optional<String> last = call.header("Last-Event-ID").filter(s -> !s.isBlank()).or(() -> call.query("lastEventId"));
    if (last.isPresent()) {
      try {
        long v = Long.parseLong(last.get().trim());
        if (v >= 0 && v <= latest) {
          return v;
        }
      } catch (NumberFormatException e) {
        // not one of our event ids: start from now
      }
    }
    return latest;
  }

  /** How many streams are open on this server now (exported as the gauge {@code modelgate.sse.streams}). */
  public AtomicInteger openStreams() {
    return open;
  }

  public void stream(ApiCall call, EventStream events) throws InterruptedException {
    open.incrementAndGet();
    try {
      poll(call, events);
    } finally {
      open.decrementAndGet();
    }
  }

  private void poll(ApiCall call, EventStream events) throws InterruptedException {
    String user = call.principal().username();
    long known = inbox.counters(user).latest();
    long delivered = startAfter(call, known);
    InboxWatcher.Watch watch = watcher.subscribe(user, known);
    try {
      long lastWrite = System.nanoTime();
      long gapSince = 0;
      events.send(null, "ready", "{\"after\":" + delivered + "}");
      while (events.isOpen()) {
        long latest = watch.latest();
        if (!events.congested() && latest > delivered) {
          long before = delivered;
          for (StoredNotification n : inbox.after(user, delivered, latest, MAX_PER_POLL)) {
            if (n.seq() != delivered + 1) {
              break;
            }
            if (n.visibleTo(call.principal())) {
              events.send(Long.toString(n.seq()), "notification", NotifyJson.notification(n).encode());
            }
            delivered = n.seq();
            lastWrite = System.nanoTime();
          }
          if (delivered == before) {
            // delivered + 1 is allocated but not written: wait for it, up to the gap timeout.
            if (gapSince == 0) {
              gapSince = System.nanoTime();
            } else if (System.nanoTime() - gapSince > gapTimeout.toNanos()) {
              delivered++;
              gapSince = 0;
            }
          } else {
            gapSince = 0;
          }
        }
        if (System.nanoTime() - lastWrite > heartbeat.toNanos()) {
          events.heartbeat();
          lastWrite = System.nanoTime();
        }
        if (watch.latest() > delivered) {
          // More to send (a gap, a congested client, or over MAX_PER_POLL): try again after one interval.
          Thread.sleep(pollInterval);
        } else {
          watch.awaitBeyond(delivered, IDLE_CHECK);
        }
      }
    } finally {
      watcher.unsubscribe(watch);
    }
  }

  /** How many people the shared poller watches now (distinct users with a stream open here). */
  public int watchedUsers() {
    return watcher.watchedUsers();
  }

  @Override
  public void close() {
    watcher.close();
  }
}
