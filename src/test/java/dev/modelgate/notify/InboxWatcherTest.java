package dev.modelgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared poller: one read for every watched inbox, waking only the streams whose inbox grew. */
class InboxWatcherTest {

  static Store store;
  static NotificationInbox inbox;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "watcher", Files.createTempDirectory("modelgate-watcher-"));
    inbox = new NotificationInbox(store, Clock.systemUTC());
    inbox.ensureIndexes();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static void notify(String user) {
    inbox.append(new Notification(user, "mention", "t", "project", "p", "hello", "/x"));
  }

  @Test
  void latestOfManyInboxesInOneRead() {
    notify("m1");
    notify("m1");
    notify("m2");
    assertEquals(Map.of("m1", 2L, "m2", 1L), inbox.latest(List.of("m1", "m2", "m-none")));
    assertEquals(Map.of(), inbox.latest(List.of()));
  }

  @Test
  void aPollWakesTheStreamsOfTheInboxThatGrewAndOnlyThose() throws Exception {
    // A poll interval far longer than the test: only the explicit pollOnce below can wake anyone.
    try (InboxWatcher watcher = new InboxWatcher(inbox, Duration.ofHours(1))) {
      InboxWatcher.Watch a1 = watcher.subscribe("w-a", 0);
      InboxWatcher.Watch a2 = watcher.subscribe("w-a", 0);
      InboxWatcher.Watch b = watcher.subscribe("w-b", 0);
      assertEquals(2, watcher.watchedUsers(), "two streams of one person share one watch");
      CompletableFuture<Long> waitingA = CompletableFuture.supplyAsync(() -> await(a1),
          r -> Thread.ofVirtual().start(r));
      notify("w-a");
      watcher.pollOnce();
      assertEquals(1L, waitingA.get(30, TimeUnit.SECONDS));
      assertEquals(1L, a2.latest());
      assertEquals(0L, b.latest(), "the other inbox did not grow");
      watcher.unsubscribe(a1);
      assertEquals(2, watcher.watchedUsers());
      watcher.unsubscribe(a2);
      watcher.unsubscribe(b);
      assertEquals(0, watcher.watchedUsers(), "a person without open streams is not polled");
    }
  }

  private static long await(InboxWatcher.Watch w) {
    try {
      return w.awaitBeyond(0, Duration.ofMinutes(1));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
