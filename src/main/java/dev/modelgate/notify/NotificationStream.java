package dev.modelgate.notify;

import dev.modelgate.web.ApiCall;
import dev.modelgate.web.EventStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live notification stream of one person (Server-Sent Events). It polls the person's inbox counter in
 * the store (one lookup by key) every {@code pollInterval} on the request's virtual thread, so a
 * notification written by any replica reaches a stream held by any other. Event ids are the
 * notifications' sequence numbers: a reconnecting client sends {@code Last-Event-ID} and gets what it
 * missed. A sequence number allocated but not written yet (the writer is between its two updates) is
 * waited for, and skipped only after {@code gapTimeout} (the writer died).
 */
public final class NotificationStream {

  private static final int MAX_PER_POLL = 100;

  private final NotificationInbox inbox;
  private final Duration pollInterval;
  private final Duration heartbeat;
  private final Duration gapTimeout;
  private final AtomicInteger open = new AtomicInteger();

  public NotificationStream(NotificationInbox inbox, Duration pollInterval, Duration heartbeat, Duration gapTimeout) {
    this.inbox = inbox;
    this.pollInterval = pollInterval;
    this.heartbeat = heartbeat;
    this.gapTimeout = gapTimeout;
  }

  /**
   * Where the stream starts: after Last-Event-ID (header, or {@code lastEventId} query for clients that
   * cannot set headers), else after the latest notification. An id that is not ours counts as absent.
   */
  public long startAfter(ApiCall call) {
    long latest = inbox.counters(call.principal().username()).latest();
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
    long delivered = startAfter(call);
    long lastWrite = System.nanoTime();
    long gapSince = 0;
    events.send(null, "ready", "{\"after\":" + delivered + "}");
    while (events.isOpen()) {
      if (!events.congested()) {
        long latest = inbox.counters(user).latest();
        if (latest > delivered) {
          long before = delivered;
          for (StoredNotification n : inbox.after(user, delivered, latest, MAX_PER_POLL)) {
            if (n.seq() != delivered + 1) {
              break;
            }
            events.send(Long.toString(n.seq()), "notification", NotifyJson.notification(n).encode());
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
      }
      if (System.nanoTime() - lastWrite > heartbeat.toNanos()) {
        events.heartbeat();
        lastWrite = System.nanoTime();
      }
      Thread.sleep(pollInterval);
    }
  }
}
