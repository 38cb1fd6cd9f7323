package dev.modelgate.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller per server process for every open notification stream: each {@code pollInterval} it reads the
 * inbox counters of all people with a stream open here in one query by key ({@code _id $in}, chunked), and
 * wakes the streams of those whose latest sequence number grew. The store stays the only channel — a
 * notification written by any replica is seen by the poller of every other — but a thousand open streams
 * cost one read per interval instead of a thousand.
 */
final class InboxWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);
  static final int USERS_PER_QUERY = 500;

  /** One person's latest known sequence number and the streams waiting for it to grow. */
  static final class Watch {
    private final String user;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private long latest;
    private int subscribers;

    Watch(String user) {
      this.user = user;
    }

    long latest() {
      lock.lock();
      try {
        return latest;
      } finally {
        lock.unlock();
      }
    }

    /** Raises the known latest (never lowers it) and wakes the waiting streams when it grew. */
    void advance(long seen) {
      lock.lock();
      try {
        if (seen > latest) {
          latest = seen;
          grew.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    /** Waits until the latest exceeds {@code known} or {@code max} passes; returns the latest. */
    long awaitBeyond(long known, Duration max) throws InterruptedException {
      long nanos = max.toNanos();
      lock.lock();
      try {
        while (latest <= known && nanos > 0) {
          nanos = grew.awaitNanos(nanos);
        }
        return latest;
      } finally {
        lock.unlock();
      }
    }
  }

  private final NotificationInbox inbox;
  private final Duration pollInterval;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final Object lifecycle = new Object();
  private volatile boolean running;
  private Thread loop;

  InboxWatcher(NotificationInbox inbox, Duration pollInterval) {
    this.inbox = inbox;
    this.pollInterval = pollInterval;
  }

  /** Registers a stream of {@code user}; its watch starts at {@code latest} (what the stream just read). */
  Watch subscribe(String user, long latest) {
    startIfNeeded();
    Watch w = watches.compute(user, (u, existing) -> {
      Watch watch = existing == null ? new Watch(u) : existing;
      watch.subscribers++;
      return watch;
    });
    w.advance(latest);
    return w;
  }

  void unsubscribe(Watch w) {
    watches.computeIfPresent(w.user, (u, existing) -> --existing.subscribers <= 0 ? null : existing);
  }

  int watchedUsers() {
    return watches.size();
  }

  /** One round: reads every watched person's counter (one query per {@value #USERS_PER_QUERY}) and wakes. */
  void pollOnce() {
    List<String> users = new ArrayList<>(watches.keySet());
    for (int i = 0; i < users.size(); i += USERS_PER_QUERY) {
      Map<String, Long> latest = inbox.latest(users.subList(i, Math.min(users.size(), i + USERS_PER_QUERY)));
      latest.forEach((user, seq) -> {
        Watch w = watches.get(user);
        if (w != null) {
          w.advance(seq);
        }
      });
    }
  }

  private void startIfNeeded() {
    synchronized (lifecycle) {
      if (running) {
        return;
      }
      running = true;
      loop = Thread.ofVirtual().name("notification-poller").start(this::run);
    }
  }

  private void run() {
    while (running) {
      try {
        if (!watches.isEmpty()) {
          pollOnce();
        }
      } catch (RuntimeException e) {
        log.warn("notification poll failed: {}", e.toString());
      }
      try {
        TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      running = false;
      if (loop != null) {
        loop.interrupt();
      }
    }
  }
}
