package dev.modelgate.engine.processing;

import dev.modelgate.engine.DurabilityBarrier;
import dev.modelgate.engine.EngineClock;
import dev.modelgate.engine.log.CommandCodec;
import dev.modelgate.engine.log.LogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: takes commands from one queue, processes a batch of them, and hands the
 * batch's log records with its replies to the durability stage. That stage appends the records of
 * one or more batches in one write, waits for the durability barrier, and only then sends those
 * replies, in order. The writer meanwhile processes the next batch (group commit), so the store's
 * latency does not stall processing. A periodic tick looks for due timers, expired job deadlines
 * and message time-to-live.
 */
public final class SingleWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);
  private static final int MAX_BATCH = 2_000;
  private static final long TICK_MILLIS = 10;

  private record Submission(Command command, Responder responder) {}

  private record Pending(List<Document> entries, List<Runnable> replies) {}

  private static final int MAX_ENTRIES_PER_WRITE = 10_000;

  /** Called on the writer thread after a batch was made durable; may take a snapshot. */
  public interface AfterBatch {
    void afterBatch(long seq, int entriesInBatch);
  }

  private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
  private final CommandProcessor processor;
  private final LogStore logStore;
  private final DurabilityBarrier barrier;
  private final EngineClock clock;
  private final AfterBatch afterBatch;
  private final Thread thread;
  private final Thread durabilityThread;
  private final BlockingQueue<Pending> durable = new java.util.concurrent.ArrayBlockingQueue<>(64);
  private final java.util.concurrent.atomic.AtomicLong handedOver = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong madeDurable = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean durabilityRunning = true;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public SingleWriter(CommandProcessor processor, LogStore logStore, DurabilityBarrier barrier, EngineClock clock,
      AfterBatch afterBatch) {
    this.processor = processor;
    this.logStore = logStore;
    this.barrier = barrier;
    this.clock = clock;
    this.afterBatch = afterBatch;
    this.thread = new Thread(this::run, "modelgate-engine-writer");
    this.thread.setDaemon(true);
    this.durabilityThread = new Thread(this::runDurability, "modelgate-engine-durability");
    this.durabilityThread.setDaemon(true);
  }

  public void start() {
    durabilityThread.start();
    thread.start();
  }

  public void submit(Command command, Responder responder) {
    if (!running) {
      responder.reject(new Rejection(Rejection.Type.UNAVAILABLE, "the embedded engine is not running"
          + (failure == null ? "" : ": " + failure)));
      return;
    }
    queue.add(new Submission(command, responder));
  }

  private void run() {
    List<Submission> batch = new ArrayList<>();
    List<Document> entries = new ArrayList<>();
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
        entries.clear();
        for (Submission s : batch) {
          long now = clock.millis();
          processor.process(s.command(), s.responder(), now, c -> entries.add(CommandCodec.encode(c, now)));
        }
        List<Runnable> replies = processor.takeAfterDurable();
        if (!entries.isEmpty() || !replies.isEmpty()) {
          handedOver.incrementAndGet();
          durable.put(new Pending(new ArrayList<>(entries), replies));
        }
        if (!entries.isEmpty()) {
          afterBatch.afterBatch(-1, entries.size());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable t) {
        // the in-memory state may be ahead of the log now: stop rather than answer wrongly
        LOG.error("embedded engine writer failed; the engine stops", t);
        failure = t;
        running = false;
        for (Submission s : batch) {
          s.responder().reject(new Rejection(Rejection.Type.UNAVAILABLE, "engine failure: " + t));
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
    Rejection closed = new Rejection(Rejection.Type.UNAVAILABLE, "the embedded engine was stopped");
    Submission s;
    while ((s = queue.poll()) != null) {
      s.responder().reject(closed);
    }
    processor.abandonWaiting(closed);
  }

  /** The durability stage: one write and one barrier for all batches waiting, then their replies. */
  private void runDurability() {
    List<Pending> group = new ArrayList<>();
    List<Document> entries = new ArrayList<>();
    while (durabilityRunning || !durable.isEmpty()) {
      try {
        Pending first = durable.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.clear();
        entries.clear();
        group.add(first);
        entries.addAll(first.entries());
        Pending next;
        while (entries.size() < MAX_ENTRIES_PER_WRITE && (next = durable.poll()) != null) {
          group.add(next);
          entries.addAll(next.entries());
        }
        if (!entries.isEmpty()) {
          logStore.append(new ArrayList<>(entries));
          barrier.awaitDurable();
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
        LOG.error("embedded engine could not make its log durable; the engine stops", t);
        failure = t;
        running = false;
        durabilityRunning = false;
        for (Pending p : group) {
          p.replies().clear();
        }
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
