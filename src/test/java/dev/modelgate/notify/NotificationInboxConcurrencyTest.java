package dev.modelgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Marking a notification read counts it once, however many requests do it at the same moment (two open
 * tabs, a double click): only the request that flips the flag counts it, told by the page as it was before.
 */
class NotificationInboxConcurrencyTest {

  static Store store;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "inbox", Files.createTempDirectory("modelgate-inbox-"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void concurrentReadsOfOneNotificationCountOnce() throws Exception {
    NotificationInbox inbox = new NotificationInbox(store, Clock.systemUTC());
    inbox.ensureIndexes();
    for (int round = 0; round < 5; round++) {
      String user = "u" + round;
      long first = inbox.append(new Notification(user, "mention", "t", "project", "p", "one", "/x")).seq();
      inbox.append(new Notification(user, "mention", "t", "project", "p", "two", "/y"));
      int n = 24;
      CountDownLatch go = new CountDownLatch(1);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          all.add(pool.submit(() -> {
            go.await();
            return inbox.markRead(user, first);
          }));
        }
        go.countDown();
        for (Future<?> f : all) {
          f.get();
        }
      }
      NotificationInbox.Counters c = inbox.counters(user);
      assertEquals(1, c.readAbove(), "round " + round + ": one read counted once");
      assertEquals(1, c.unread(), "round " + round + ": the second notification is still unread");
    }
  }
}
