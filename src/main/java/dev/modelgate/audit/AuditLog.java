package dev.modelgate.audit;

import dev.modelgate.audit.AuditRepository.Head;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log. Appending: find the newest entry (from the last head this
 * process saw or the stored hint, then looking ahead by sequence number), compute the new entry's hash
 * over the previous hash, and insert it with {@code _id = seq + 1}. If another replica inserted that
 * number first, the unique {@code _id} refuses ours and we retry on top of the new head. No transaction
 * is needed, and the chain never forks.
 */
public final class AuditLog implements AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  /** How many sequence numbers one {@code $in} lookup asks for. */
  static final int WINDOW = 500;
  private static final int MAX_ATTEMPTS = 1_000;
  /** How many broken entries a verification lists (it counts them all). */
  public static final int MAX_REPORTED = 100;

  private final AuditRepository repository;
  private final Clock clock;
  private final AtomicReference<Head> knownHead = new AtomicReference<>();
  /** Serialises this process's appenders so they do not race each other, only other replicas. */
  private final ReentrantLock appendLock = new ReentrantLock();

  public AuditLog(AuditRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public void ensureIndexes() {
    repository.ensureIndexes();
  }

  @Override
  public void record(AuditEvent event) {
    append(event);
  }

  /** Appends the event and returns the stored entry. */
  public AuditEntry append(AuditEvent event) {
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) AuditChain.normalise(event.details());
    appendLock.lock();
    try {
      Head head = currentHead();
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Instant at = AuditChain.millis(Instant.now(clock));
        AuditEntry draft = new AuditEntry(head.seq() + 1, at, AuditChain.text(event.actor()),
            AuditChain.text(event.action()), AuditChain.text(event.team()), AuditChain.text(event.subjectType()),
            AuditChain.text(event.subjectId()), details, head.hash(), null, AuditChain.CURRENT_VERSION);
        AuditEntry entry = draft.withHash(AuditChain.hash(draft));
        if (repository.insert(entry)) {
          Head now = new Head(entry.seq(), entry.hash());
          knownHead.set(now);
          repository.advanceHint(now);
          return entry;
        }
        head = followFrom(head);
      }
      throw new IllegalStateException("could not append to the audit log after " + MAX_ATTEMPTS + " attempts");
    } finally {
      appendLock.unlock();
    }
  }

  /** The newest entry now: the last one known, moved forward past entries other replicas appended. */
  public Head currentHead() {
    Head start = knownHead.get();
    if (start == null) {
      start = repository.headHint().orElse(null);
    }
    if (start == null) {
      long max = repository.maxSeqByScan();
      start = max == 0 ? new Head(0, AuditChain.GENESIS) : headAt(max);
    }
    Head head = followFrom(start);
    knownHead.set(head);
    return head;
  }

  private Head headAt(long seq) {
    List<AuditEntry> found = repository.findSeqs(List.of(seq));
    if (found.isEmpty()) {
      throw new IllegalStateException("audit entry " + seq + " vanished");
    }
    return new Head(seq, found.getFirst().hash());
  }

  /** Looks ahead from {@code head} by windows of sequence numbers while the following entries exist. */
  private Head followFrom(Head head) {
    Head h = head;
    while (true) {
      List<AuditEntry> ahead = repository.findSeqs(range(h.seq() + 1, h.seq() + 64));
      boolean moved = false;
      for (AuditEntry e : ahead) {
        if (e.seq() != h.seq() + 1) {
          break;
        }
        h = new Head(e.seq(), e.hash());
        moved = true;
      }
      if (!moved || ahead.size() < 64) {
        return h;
      }
    }
  }

  static List<Long> range(long fromInclusive, long toInclusive) {
    List<Long> out = new ArrayList<>();
    for (long s = Math.max(1, fromInclusive); s <= toInclusive; s++) {
      out.add(s);
    }
    return out;
  }

  /**
   * Entries matching {@code filter}, newest first, with sequence numbers below {@code before}. Looks at
   * no more than {@code budget} sequence numbers, so a selective filter over a long log costs a bounded
   * amount per page; the returned cursor then continues where the scan stopped.
   */
  public Scan newestFirst(long before, Predicate<AuditEntry> filter, int limit, int budget,
      Predicate<AuditEntry> stopAfter) {
    long top = Math.min(before - 1, currentHead().seq());
    List<AuditEntry> out = new ArrayList<>();
    long cursor = top;
    long scanned = 0;
    while (cursor >= 1 && scanned < budget) {
      long low = Math.max(1, cursor - WINDOW + 1);
      List<AuditEntry> window = repository.findSeqs(range(low, cursor));
      scanned += cursor - low + 1;
      for (int i = window.size() - 1; i >= 0; i--) {
        AuditEntry e = window.get(i);
        if (stopAfter.test(e)) {
          return new Scan(out, null);
        }
        if (filter.test(e)) {
          out.add(e);
          if (out.size() == limit) {
            return new Scan(out, e.seq() > 1 ? e.seq() : null);
          }
        }
      }
      cursor = low - 1;
    }
    return new Scan(out, cursor >= 1 ? cursor + 1 : null);
  }

  /** Entries matching {@code filter}, oldest first, after sequence number {@code after}; bounded like above. */
  public Scan oldestFirst(long after, Predicate<AuditEntry> filter, int limit, int budget) {
    long headSeq = currentHead().seq();
    List<AuditEntry> out = new ArrayList<>();
    long cursor = after + 1;
    long scanned = 0;
    while (cursor <= headSeq && scanned < budget) {
      long high = Math.min(headSeq, cursor + WINDOW - 1);
      List<AuditEntry> window = repository.findSeqs(range(cursor, high));
      scanned += high - cursor + 1;
      for (AuditEntry e : window) {
        if (filter.test(e)) {
          out.add(e);
          if (out.size() == limit) {
            return new Scan(out, e.seq() < headSeq ? e.seq() : null);
          }
        }
      }
      cursor = high + 1;
    }
    return new Scan(out, cursor <= headSeq ? cursor - 1 : null);
  }

  /** A page of entries and where to continue ({@code null} when the scan reached the end). */
  public record Scan(List<AuditEntry> entries, Long next) {}

  /**
   * Walks the whole chain from entry 1 and reports every entry that is missing, does not match its own
   * hash (altered, or moved to another sequence number), or does not carry the previous entry's hash; it
   * goes on past a broken entry, so one break cannot hide a later one. After an altered entry the chain
   * continues from the hash that entry carries (so one altered entry is one report), after a missing one
   * the next entry's link cannot be checked.
   *
   * <p>With {@code teams} (null: the platform), the whole chain is still checked, since every link
   * depends on the entry before it, but only those teams' entries are counted and reported, plus missing
   * entries (whose team cannot be known), and neither the platform's head nor its size is given.
   */
  public Verification verify(Set<String> teams) {
    long maxStored = repository.maxSeqByScan();
    Head hint = repository.headHint().orElse(new Head(0, AuditChain.GENESIS));
    long last = Math.max(maxStored, hint.seq());
    Breaks breaks = new Breaks();
    String prevHash = AuditChain.GENESIS;
    boolean lastInScope = false;
    long checked = 0;
    for (long low = 1; low <= last; low += WINDOW) {
      long high = Math.min(last, low + WINDOW - 1);
      List<AuditEntry> window = repository.findSeqs(range(low, high));
      int i = 0;
      for (long seq = low; seq <= high; seq++) {
        AuditEntry e = i < window.size() && window.get(i).seq() == seq ? window.get(i++) : null;
        if (e == null) {
          breaks.add(seq, "missing", "entry " + seq + " is missing (removed from the database)");
          prevHash = null;
          continue;
        }
        lastInScope = teams == null || (e.team() != null && teams.contains(e.team()));
        if (lastInScope) {
          checked++;
          if (!AuditChain.matches(e)) {
            breaks.add(seq, "altered", "entry " + seq + " does not match its hash (altered, or moved from another "
                + "position)" + (AuditChain.knownVersion(e.hashVersion()) ? ""
                    : "; its hash version " + e.hashVersion() + " is unknown"));
          } else if (prevHash != null && !prevHash.equals(e.prevHash())) {
            breaks.add(seq, "unlinked", "entry " + seq + " does not carry the hash of entry " + (seq - 1)
                + " (an earlier entry was replaced or the entries were reordered)");
          }
        }
        prevHash = e.hash();
      }
    }
    if (hint.seq() == last && last > 0 && prevHash != null && lastInScope && !hint.hash().equals(prevHash)) {
      breaks.add(last, "head", "the newest entry's hash differs from the recorded head");
    }
    log.debug("audit chain verified: {} entries, {} broken", checked, breaks.count);
    boolean ok = breaks.count == 0;
    if (teams != null) {
      return new Verification(ok, checked, null, null, List.copyOf(breaks.first), breaks.count,
          teams.stream().sorted().toList());
    }
    return new Verification(ok, checked, last, ok ? (last == 0 ? AuditChain.GENESIS : prevHash) : null,
        List.copyOf(breaks.first), breaks.count, null);
  }

  /** The broken entries found so far: the first {@link #MAX_REPORTED} of them, and how many in all. */
  private static final class Breaks {
    private final List<Broken> first = new ArrayList<>();
    private long count;

    void add(long seq, String problem, String detail) {
      count++;
      if (first.size() < MAX_REPORTED) {
        first.add(new Broken(seq, problem, detail));
      }
    }
  }

  /**
   * Outcome of a verification: how many entries were checked, the broken entries in chain order (at most
   * {@link #MAX_REPORTED}; {@code brokenCount} counts them all) and, for the platform ({@code teams} null),
   * the head, which an auditor can note down to detect a later truncation (its hash only when intact).
   */
  public record Verification(boolean ok, long checked, Long headSeq, String headHash, List<Broken> broken,
      long brokenCount, List<String> teams) {

    /** The first broken entry, as older clients read it; null when the chain is intact. */
    public Broken firstBroken() {
      return broken.isEmpty() ? null : broken.getFirst();
    }
  }

  /** One broken entry: its sequence number, the problem ({@code missing, altered, unlinked, head}) and why. */
  public record Broken(long seq, String problem, String detail) {}
}
