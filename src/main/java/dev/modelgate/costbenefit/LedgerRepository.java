package dev.modelgate.costbenefit;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Store;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;

/**
 * A project's ledger (infrastructure costs, or realised benefits), stored so that every read is a lookup
 * by unique key however long the ledger grows:
 * <ul>
 *   <li>a <b>summary</b> document per project ({@code <collection>}, keyed by project id; the computed
 *       pattern): item count, total, the sum per day and the item count per month, updated with one atomic
 *       {@code $inc} per item. The analysis reads only this.</li>
 *   <li>a <b>month bucket</b> per project and month of the item's date ({@code <collection>_months}, keyed by
 *       {@code <project>/<yyyy-mm>}; the bucket pattern): the items themselves. A page of the list reads the
 *       months it needs, in date order, from the summary's month index.</li>
 * </ul>
 * The item goes into its bucket before it is counted, so a crash between the two leaves an item listed but
 * not yet in the totals, never a total without its item. The count is checked before an append (best
 * effort: concurrent appends at the limit may overshoot it slightly), which keeps a ledger bounded.
 */
public final class LedgerRepository {

  public static final int MAX_ITEMS = 10_000;

  /** What the summary says: count, total, sum per day (date order) and items per month. */
  public record Summary(long count, double total, NavigableMap<LocalDate, Double> byDay,
      NavigableMap<YearMonth, Long> months) {

    static final Summary EMPTY = new Summary(0, 0, new TreeMap<>(), new TreeMap<>());

    /** The sum of the amounts dated from {@code from} to {@code to}, both included. */
    public double sum(LocalDate from, LocalDate to) {
      return from.isAfter(to) ? 0 : byDay.subMap(from, true, to, true).values().stream()
          .mapToDouble(Double::doubleValue).sum();
    }
  }

  /** A position in the list: the last item of the previous page, in (date, id) order. */
  public record Cursor(LocalDate date, String id) {
    public static Optional<Cursor> parse(String raw) {
      int dot = raw.indexOf('.');
      if (dot != 10 || raw.length() > 80) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Cursor(LocalDate.parse(raw.substring(0, dot)), raw.substring(dot + 1)));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }

    public static String of(LedgerItem i) {
      return i.date() + "." + i.id();
    }

    boolean isBefore(LedgerItem i) {
      int c = date.compareTo(i.date());
      return c < 0 || (c == 0 && id.compareTo(i.id()) < 0);
    }
  }

  static final Comparator<LedgerItem> ORDER = Comparator.comparing(LedgerItem::date).thenComparing(LedgerItem::id);

  private final MongoCollection<Document> summaries;
  private final MongoCollection<Document> months;

  public LedgerRepository(Store store, String collection) {
    this.summaries = store.collection(collection);
    this.months = store.collection(collection + "_months");
  }

  /** False when the ledger is full. */
  public boolean append(LedgerItem item) {
    if (summary(item.projectId()).count() >= MAX_ITEMS) {
      return false;
    }
    Document doc = new Document("id", item.id()).append("date", item.date().toString()).append("amount", item.amount())
        .append("category", item.category()).append("note", item.note()).append("createdBy", item.createdBy())
        .append("createdAt", Date.from(item.createdAt()));
    YearMonth month = YearMonth.from(item.date());
    months.updateOne(eq("_id", monthKey(item.projectId(), month)), Updates.push("items", doc),
        new UpdateOptions().upsert(true));
    count(item.projectId(), item.date(), item.amount(), 1);
    return true;
  }

  private void count(String projectId, LocalDate date, double amount, long n) {
    summaries.updateOne(eq("_id", projectId), Updates.combine(Updates.inc("n", n), Updates.inc("total", amount),
        Updates.inc("days." + date, amount), Updates.inc("months." + YearMonth.from(date), n)),
        new UpdateOptions().upsert(true));
  }

  public Summary summary(String projectId) {
    Document d = summaries.find(eq("_id", projectId)).first();
    if (d != null && d.containsKey("items")) {
      migrate(projectId);
      d = summaries.find(eq("_id", projectId)).first();
    }
    if (d == null) {
      return Summary.EMPTY;
    }
    NavigableMap<LocalDate, Double> byDay = new TreeMap<>();
    Document days = d.get("days", Document.class);
    if (days != null) {
      days.forEach((k, v) -> byDay.put(LocalDate.parse(k), ((Number) v).doubleValue()));
    }
    NavigableMap<YearMonth, Long> perMonth = new TreeMap<>();
    Document ms = d.get("months", Document.class);
    if (ms != null) {
      ms.forEach((k, v) -> {
        if (((Number) v).longValue() > 0) {
          perMonth.put(YearMonth.parse(k), ((Number) v).longValue());
        }
      });
    }
    return new Summary(((Number) d.get("n", 0)).longValue(), ((Number) d.get("total", 0.0)).doubleValue(), byDay,
        perMonth);
  }

  /**
   * Up to {@code max} items after {@code after} in (date, id) order: reads the month buckets from the
   * cursor's month on, one lookup by key each, until enough items are found.
   */
  public List<LedgerItem> page(String projectId, Optional<Cursor> after, int max) {
    Summary s = summary(projectId);
    NavigableMap<YearMonth, Long> from = after.map(c -> s.months().tailMap(YearMonth.from(c.date()), true))
        .orElse(s.months());
    List<LedgerItem> out = new ArrayList<>();
    for (YearMonth m : from.keySet()) {
      List<LedgerItem> items = month(projectId, m);
      items.sort(ORDER);
      for (LedgerItem i : items) {
        if (after.isEmpty() || after.get().isBefore(i)) {
          out.add(i);
          if (out.size() >= max) {
            return out;
          }
        }
      }
    }
    return out;
  }

  /** Every item, in (date, id) order: reads every month bucket (for exports and small ledgers). */
  public List<LedgerItem> items(String projectId) {
    return page(projectId, Optional.empty(), Integer.MAX_VALUE);
  }

  private List<LedgerItem> month(String projectId, YearMonth m) {
    Document d = months.find(eq("_id", monthKey(projectId, m))).first();
    List<LedgerItem> out = new ArrayList<>();
    if (d != null) {
      for (Document i : d.getList("items", Document.class, List.of())) {
        out.add(item(projectId, i));
      }
    }
    return out;
  }

  private static LedgerItem item(String projectId, Document i) {
    return new LedgerItem(i.getString("id"), projectId, LocalDate.parse(i.getString("date")),
        ((Number) i.get("amount")).doubleValue(), i.getString("category"), i.getString("note"),
        i.getString("createdBy"), i.getDate("createdAt").toInstant());
  }

  private static String monthKey(String projectId, YearMonth m) {
    return projectId + "/" + m;
  }

  /**
   * Moves a ledger stored the earlier way (every item in an {@code items} array of the project's document)
   * into month buckets and counters. Only the request that removes the array moves the items, so two
   * concurrent readers do not copy them twice.
   */
  private void migrate(String projectId) {
    Document before = summaries.findOneAndUpdate(Filters.and(eq("_id", projectId), Filters.exists("items")),
        Updates.combine(Updates.unset("items"), Updates.unset("n")),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    if (before == null) {
      return;
    }
    for (Document i : before.getList("items", Document.class, List.of())) {
      LedgerItem item = item(projectId, i);
      months.updateOne(eq("_id", monthKey(projectId, YearMonth.from(item.date()))), Updates.push("items", i),
          new UpdateOptions().upsert(true));
      count(projectId, item.date(), item.amount(), 1);
    }
  }

}
