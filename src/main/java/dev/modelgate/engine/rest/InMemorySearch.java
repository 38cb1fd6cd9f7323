package dev.modelgate.engine.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place where a {@link SearchQuery} is applied to records held in memory: filter, sort (requested
 * orders, then the identity fields), count, and cut out the page by offset or by cursor.
 */
public final class InMemorySearch {
  private InMemorySearch() {}

  public static <T> SearchResult<T> run(Collection<T> records, SearchFields<T> fields, SearchQuery query) {
    List<T> matching = new ArrayList<>();
    for (T r : records) {
      if (matches(r, fields, query.filter())) {
        matching.add(r);
      }
    }
    List<SearchField<T>> order = new ArrayList<>();
    List<Boolean> descending = new ArrayList<>();
    for (SearchQuery.Sort s : query.sort()) {
      order.add(fields.get(s.field()));
      descending.add(s.descending());
    }
    for (String id : fields.identity()) {
      order.add(fields.get(id));
      descending.add(false);
    }
    Comparator<List<Object>> tuples = (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = compare(a.get(i), b.get(i));
        if (c != 0) {
          return descending.get(i) ? -c : c;
        }
      }
      return 0;
    };
    List<Entry<T>> sorted = new ArrayList<>();
    for (T r : matching) {
      List<Object> values = new ArrayList<>();
      for (SearchField<T> f : order) {
        values.add(f.value().apply(r));
      }
      sorted.add(new Entry<>(r, values));
    }
    sorted.sort((x, y) -> tuples.compare(x.sortValues(), y.sortValues()));

    SearchQuery.Page page = query.page();
    List<Entry<T>> cut;
    if (page.after() != null) {
      List<Entry<T>> rest = sorted.stream().filter(e -> tuples.compare(e.sortValues(), page.after()) > 0).toList();
      cut = rest.subList(0, Math.min(page.limit(), rest.size()));
    } else if (page.before() != null) {
      List<Entry<T>> rest = sorted.stream().filter(e -> tuples.compare(e.sortValues(), page.before()) < 0).toList();
      cut = rest.subList(Math.max(0, rest.size() - page.limit()), rest.size());
    } else {
      int from = Math.min(page.from(), sorted.size());
      cut = sorted.subList(from, Math.min(sorted.size(), from + page.limit()));
    }
    List<T> items = cut.stream().map(Entry::record).toList();
    return new SearchResult<>(items, matching.size(),
        cut.isEmpty() ? null : SearchQuery.encodeCursor(cut.get(0).sortValues()),
        cut.isEmpty() ? null : SearchQuery.encodeCursor(cut.get(cut.size() - 1).sortValues()));
  }

  private record Entry<T>(T record, List<Object> sortValues) {}

  private static <T> boolean matches(T record, SearchFields<T> fields, List<SearchQuery.Condition> conditions) {
    for (SearchQuery.Condition c : conditions) {
      SearchField<T> field = fields.get(c.field());
      if (!holds(field.value().apply(record), c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(Object value, SearchQuery.Condition c) {
    if (value instanceof List<?> many) {
      // a field with several values (candidate groups): the condition holds for one of them
      return switch (c.op()) {
        case EXISTS -> (Boolean) c.value() == !many.isEmpty();
        case NEQ -> !many.contains(c.value());
        case NOT_IN -> many.stream().noneMatch(((List<?>) c.value())::contains);
        default -> many.stream().anyMatch(v -> holds(v, c));
      };
    }
    return switch (c.op()) {
      case EQ -> value != null && compare(value, c.value()) == 0;
      case NEQ -> value == null || compare(value, c.value()) != 0;
      case EXISTS -> (Boolean) c.value() == (value != null);
      case IN -> value != null && ((List<?>) c.value()).stream().anyMatch(v -> compare(value, v) == 0);
      case NOT_IN -> value == null || ((List<?>) c.value()).stream().noneMatch(v -> compare(value, v) == 0);
      case LIKE -> value instanceof String s && like((String) c.value()).matcher(s).matches();
      case GT -> value != null && compare(value, c.value()) > 0;
      case GTE -> value != null && compare(value, c.value()) >= 0;
      case LT -> value != null && compare(value, c.value()) < 0;
      case LTE -> value != null && compare(value, c.value()) <= 0;
    };
  }

  /** Camunda's {@code $like}: {@code *} any characters, {@code ?} one character, {@code \} escapes. */
  static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (ch == '*' || ch == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(ch == '*' ? ".*" : ".");
      } else {
        literal.append(ch);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Orders normalized values; null sorts after every value. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
    }
    return ((Comparable) a).compareTo(b);
  }
}
