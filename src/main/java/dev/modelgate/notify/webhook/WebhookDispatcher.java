package dev.modelgate.notify.webhook;

import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.store.DurabilityBarrier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhook deliveries, from the store's outbox, so pending deliveries survive a restart and
 * any replica may send them (a lease on each outbox entry makes one replica send each attempt). Each due
 * delivery is attempted on its own virtual thread; a failure is retried with exponential back-off per the
 * {@link RetryPolicy}; after too many consecutive failures the webhook is disabled and its pending
 * deliveries are abandoned.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int BATCH = 50;

  private final WebhookRepository hooks;
  private final WebhookDeliveries deliveries;
  private final WebhookSender sender;
  private final RetryPolicy policy;
  private final DurabilityBarrier durability;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration lease;
  private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("webhook-send-", 0).factory());
  private volatile boolean running;
  private Thread loop;

  public WebhookDispatcher(WebhookRepository hooks, WebhookDeliveries deliveries, WebhookSender sender,
      RetryPolicy policy, DurabilityBarrier durability, AuditTrail audit, Clock clock, Duration pollInterval,
      Duration lease) {
    this.audit = audit;
    this.hooks = hooks;
    this.deliveries = deliveries;
    this.sender = sender;
    this.policy = policy;
    this.durability = durability;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.lease = lease;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
  }

  private void run() {
    while (running) {
      try {
        runOnce();
      } catch (RuntimeException e) {
        log.warn("webhook dispatch round failed: {}", e.toString());
      }
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One round: attempts every due delivery once; returns how many were attempted. */
  public int runOnce() {
    if (!durability.available()) {
      return 0; // the store waits to be reopened after a failed write: nothing could be recorded
    }
    long mark = durability.mark();
    Instant now = Instant.now(clock);
    List<Future<?>> inFlight = new ArrayList<>();
    for (String id : deliveries.due(now, BATCH)) {
      Optional<WebhookDeliveries.Pending> claimed = deliveries.claim(id, now, now.plus(lease));
      claimed.ifPresent(p -> inFlight.add(workers.submit(() -> attempt(p))));
    }
    for (Future<?> f : inFlight) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("webhook delivery failed unexpectedly", e.getCause());
      }
    }
    if (!inFlight.isEmpty()) {
      durability.awaitDurable(mark);
    }
    return inFlight.size();
  }

  private void attempt(WebhookDeliveries.Pending p) {
    Optional<Webhook> hook = hooks.find(p.team(), p.webhookId());
    if (hook.isEmpty() || !hook.get().active()) {
      deliveries.setState(p, Delivery.State.ABANDONED);
      deliveries.finish(p);
      return;
    }
    Webhook w = hook.get();
    int number = p.attempts() + 1;
    WebhookSender.Outcome outcome = sender.send(URI.create(w.url()), w.secret(),
        new WebhookSender.Message(p.deliveryId(), p.event(), p.body()));
    Delivery.Attempt attempt = new Delivery.Attempt(number, outcome.at(), outcome.status(), outcome.error(),
        outcome.durationMillis());
    if (outcome.success()) {
      deliveries.recordAttempt(p, attempt, Delivery.State.DELIVERED);
      deliveries.finish(p);
      hooks.recordSuccess(p.team(), p.webhookId());
      return;
    }
    int failures = hooks.recordFailure(p.team(), p.webhookId());
    if (failures >= policy.disableAfter()) {
      deliveries.recordAttempt(p, attempt, Delivery.State.ABANDONED);
      deliveries.finish(p);
      String reason = failures + " consecutive failed attempts, last: " + outcome.error();
      hooks.disable(p.team(), p.webhookId(), Instant.now(clock), reason);
      audit.record(new AuditEvent("system", "webhook.disabled", p.team(), "webhook", p.webhookId(),
          Map.of("reason", reason)));
      log.warn("webhook {} of team {} disabled after {} consecutive failures", p.webhookId(), p.team(), failures);
    } else if (number >= policy.maxAttempts()) {
      deliveries.recordAttempt(p, attempt, Delivery.State.FAILED);
      deliveries.finish(p);
    } else {
      deliveries.recordAttempt(p, attempt, Delivery.State.PENDING);
      deliveries.reschedule(p, number, Instant.now(clock).plus(policy.delayAfter(number)));
    }
  }

  @Override
  public void close() {
    running = false;
    Thread t;
    synchronized (this) {
      t = loop;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Let attempts in flight finish (each is bounded by the sender's timeout) so their outcome is recorded
    // and their lease released, instead of leaving the delivery leased until the lease runs out.
    workers.shutdown();
    try {
      if (!workers.awaitTermination(15, java.util.concurrent.TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
