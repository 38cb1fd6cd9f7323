package dev.modelgate.engine.processing;

import dev.modelgate.engine.DurabilityBarrier;
import dev.modelgate.engine.EngineClock;
import dev.modelgate.engine.log.LogStore;
import dev.modelgate.engine.log.LoggedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: takes commands from one queue, processes a batch of them, and hands the
 * batch's event records with its replies to the durability stage. That stage appends the records of
 * one or more batches in one write, waits for the durability barrier, and only then sends those
 * replies, in order. The writer meanwhile processes the next batch (group commit), so the store's
 * latency does not stall processing. A periodic tick looks for due timers, expired job deadlines
 * and message time-to-live.
 *
 * <p>If the log cannot be made durable (the store's disk is full or read-only), the writer stops: the
 * commands of every batch not yet durable, and everything still queued or waiting, are refused as
 * UNAVAILABLE (none of them was acknowledged), and {@code onFailure} is told, so that the engine rebuilds
 * its state from the log instead of carrying on from memory the log may not have.
 */
public final class SingleWriter implements AutoCloseable, CommandSink {
  private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);
  private static final int MAX_BATCH = 2_000;
  private static final long TICK_MILLIS = 10;

  private record Submission(Command command, Responder responder) {}

  private record Pending(List<LoggedRecord> records, List<Runnable> replies, List<Responder> responders) {}

  /** Answers at most once, so refusing a batch after a failure cannot answer a command twice. */
  private static final class OnceResponder implements Responder {
    private final Responder delegate;
    private final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();

    OnceResponder(Responder delegate) {
      this.delegate = delegate;
    }

    @Override
    public void succeed(Object result) {
      if (answered.compareAndSet(false, true)) {
        delegate.succeed(result);
      }
    }

    @Override
    public void reject(Rejection rejection) {
      if (answered.compareAndSet(false, true)) {
        delegate.reject(rejection);
      }
    }

    @Override
    public boolean push(Object item) {
      return !answered.get() && delegate.push(item);
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }
  }

  private static final int MAX_ENTRIES_PER_WRITE = 10_000;

  /** Called on the writer thread after a batch was made durable; may take a snapshot. */
  public interface AfterBatch {
    void afterBatch(long seq, int entriesInBatch);
  }

  private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
  private final CommandProcessors processor;
  private final LogStore logStore;
  private final DurabilityBarrier barrier;
  private final EngineClock clock;
  private final AfterBatch afterBatch;
  private final java.util.function.Consumer<Throwable> onFailure;
  private final java.util.concurrent.atomic.AtomicBoolean failureReported = new java.util.concurrent.atomic.AtomicBoolean();
  private final Thread thread;
  private final Thread durabilityThread;
  private final BlockingQueue<Pending> durable = new java.util.concurrent.ArrayBlockingQueue<>(64);
  private final java.util.concurrent.atomic.AtomicLong handedOver = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong madeDurable = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean durabilityRunning = true;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public SingleWriter(CommandProcessors processor, LogStore logStore, DurabilityBarrier barrier, EngineClock clock,
      AfterBatch afterBatch, java.util.function.Consumer<Throwable> onFailure) {
    this.processor = processor;
    this.logStore = logStore;
    this.barrier = barrier;
    this.clock = clock;
    this.afterBatch = afterBatch;
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, "modelgate-engine-writer");
    this.thread.setDaemon(true);
    this.durabilityThread = new Thread(this::runDurability, "modelgate-engine-durability");
    this.durabilityThread.setDaemon(true);
  }

  public void start() {
    durabilityThread.start();
    thread.start();
  }

  @Override
  public void submit(Command command, Responder responder) {
    if (!running) {
      responder.reject(unavailable());
      return;
    }
    Submission submission = new Submission(command,
        responder == Responder.NONE ? responder : new OnceResponder(responder));
    queue.add(submission);
    if (!running && queue.remove(submission)) {
      submission.responder().reject(unavailable()); // the writer stopped meanwhile and will not take it
    }
  }

  private Rejection unavailable() {
    return new Rejection(Rejection.Type.UNAVAILABLE, failure == null ? "the embedded engine is not running"
        : "the embedded engine's store cannot make its log durable (" + failure + "); retry later");
  }

  private void run() {
    List<Submission> batch = new ArrayList<>();
    long lastTick = 0;
    while (running) {
      try {
        Submission first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        batch.clear();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        long nowNanos = System.nanoTime();
        if (nowNanos - lastTick >= TICK_MILLIS * 1_000_000L) {
          lastTick = nowNanos;
          batch.add(new Submission(new Command.Tick(), Responder.NONE));
        }
        if (batch.isEmpty()) {
          continue;
        }
        for (Submission s : batch) {
          processor.process(s.command(), s.responder(), clock.millis());
        }
        List<LoggedRecord> records = processor.takeRecords();
        List<Runnable> replies = processor.takeAfterDurable();
        if (!records.isEmpty() || !replies.isEmpty()) {
          List<Responder> responders = new ArrayList<>();
          batch.forEach(s -> responders.add(s.responder()));
          handOver(new Pending(records, replies, responders));
        }
        if (!records.isEmpty()) {
          afterBatch.afterBatch(-1, records.size());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable t) {
        // the in-memory state may be ahead of the log now: stop rather than answer wrongly
        LOG.error("embedded engine writer failed; the engine stops", t);
        fail(t);
        for (Submission s : batch) {
          s.responder().reject(unavailable());
        }
      }
    }
    awaitDurable();
    durabilityRunning = false;
    durabilityThread.interrupt();
    try {
      durabilityThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Rejection closed = failure == null
        ? new Rejection(Rejection.Type.UNAVAILABLE, "the embedded engine was stopped") : unavailable();
    rejectNotDurable(closed);
    Submission s;
    while ((s = queue.poll()) != null) {
      s.responder().reject(closed);
    }
    processor.abandonWaiting(closed);
    if (failure != null && failureReported.compareAndSet(false, true)) {
      onFailure.accept(failure);
    }
  }

  /** Hands a batch to the durability stage; after a failure the batch is refused instead. */
  private void handOver(Pending pending) throws InterruptedException {
    handedOver.incrementAndGet();
    while (!durable.offer(pending, 100, TimeUnit.MILLISECONDS)) {
      if (failure != null) {
        refuse(pending, unavailable());
        return;
      }
    }
  }

  /** Refuses every batch the durability stage has not made durable: none of it was acknowledged. */
  private void rejectNotDurable(Rejection reason) {
    Pending p;
    while ((p = durable.poll()) != null) {
      refuse(p, reason);
    }
  }

  private static void refuse(Pending p, Rejection reason) {
    p.replies().clear();
    for (Responder r : p.responders()) {
      try {
        r.reject(reason);
      } catch (RuntimeException e) {
        LOG.debug("failed to send a refusal", e);
      }
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    running = false;
  }

  /** The durability stage: one write and one barrier for all batches waiting, then their replies. */
  private void runDurability() {
    List<Pending> group = new ArrayList<>();
    List<LoggedRecord> entries = new ArrayList<>();
    while (durabilityRunning || !durable.isEmpty()) {
      try {
        Pending first = durable.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.clear();
        entries.clear();
        group.add(first);
        entries.addAll(first.records());
        Pending next;
        while (entries.size() < MAX_ENTRIES_PER_WRITE && (next = durable.poll()) != null) {
          group.add(next);
          entries.addAll(next.records());
        }
        if (!entries.isEmpty()) {
          long mark = barrier.mark();
          logStore.append(entries);
          barrier.awaitDurable(mark);
        }
        for (Pending p : group) {
          for (Runnable reply : p.replies()) {
            try {
              reply.run();
            } catch (RuntimeException e) {
              LOG.debug("failed to send a reply", e);
            }
          }
        }
        madeDurable.addAndGet(group.size());
      } catch (InterruptedException e) {
        if (!durabilityRunning && durable.isEmpty()) {
          break;
        }
      } catch (Throwable t) {
        LOG.error("embedded engine could not make its log durable; the engine stops and rebuilds its state"
            + " from the log once the store is back: {}", t.toString());
        fail(t);
        durabilityRunning = false;
        for (Pending p : group) {
          refuse(p, unavailable());
        }
        rejectNotDurable(unavailable());
        madeDurable.set(Long.MAX_VALUE / 2);
        break;
      }
    }
  }

  /** Waits until everything handed to the durability stage is written (for snapshots). */
  public void awaitDurable() {
    long target = handedOver.get();
    while (madeDurable.get() < target && failure == null) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
  }

  /** The log position everything processed so far is written up to; call after awaitDurable. */
  public long durablePosition() {
    return logStore.lastSeq();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the engine stopped after a store failure. */
  public boolean isFailed() {
    return failure != null;
  }
}
