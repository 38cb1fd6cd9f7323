package dev.modelgate.engine.rest;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A search request of the REST API ({@code {filter, sort, page}}), checked against the resource's fields:
 * every filter and sort field exists, every value has the field's type, cursors belong to this sort. Any
 * source of records (today the exported history, see {@link HistorySearches}) answers the same parsed query.
 *
 * @param filter conditions that must all hold
 * @param sort the requested orders (the resource's identity fields follow, ascending)
 * @param page {@code from}/{@code limit} or a cursor ({@code after}/{@code before}) with {@code limit}
 */
public record SearchQuery(List<Condition> filter, List<Sort> sort, Page page) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;

  public enum Op { EQ, NEQ, EXISTS, IN, NOT_IN, LIKE, GT, GTE, LT, LTE }

  /** {@code value} is normalized as {@link SearchField} says; a list for IN and NOT_IN, a Boolean for EXISTS. */
  public record Condition(String field, Op op, Object value) {}

  public record Sort(String field, boolean descending) {}

  /** {@code after}/{@code before}: the sort values of the record the cursor names (null = not given). */
  public record Page(int from, int limit, List<Object> after, List<Object> before) {}

  /** A query that finds the record with this key (the GET endpoints). */
  public static SearchQuery byKey(String field, long key) {
    return new SearchQuery(List.of(new Condition(field, Op.EQ, key)), List.of(), new Page(0, 1, null, null));
  }

  public static <T> SearchQuery parse(JsonFields body, SearchFields<T> fields) {
    body.allowOnly("filter", "sort", "page");
    List<Condition> filter = new ArrayList<>();
    JsonFields f = body.object("filter");
    if (f != null) {
      for (String name : f.json().fieldNames()) {
        Object raw = f.json().getValue(name);
        if (raw == null || raw instanceof JsonArray a && a.isEmpty()) {
          continue; // the client sends its list filters (variables, tags) empty when they are not set
        }
        SearchField<T> field = fields.get(name);
        if (field == null) {
          throw RestProblem.invalid("Property 'filter." + name + "' is not a filter of " + fields.resource()
              + " searches supported by the embedded engine");
        }
        conditions(field, raw, "filter." + name, filter);
      }
    }
    List<Sort> sort = new ArrayList<>();
    JsonArray s = body.array("sort");
    if (s != null) {
      for (int i = 0; i < s.size(); i++) {
        String path = "sort[" + i + "]";
        if (!(s.getValue(i) instanceof JsonObject o)) {
          throw RestProblem.invalid("Property '" + path + "' must be an object {field, order}");
        }
        JsonFields entry = JsonFields.of(o, path);
        entry.allowOnly("field", "order");
        String name = entry.requiredString("field");
        SearchField<T> field = fields.get(name);
        if (field == null || !field.sortable()) {
          throw RestProblem.invalid("Property '" + path + ".field' names '" + name + "', which " + fields.resource()
              + " searches cannot sort by");
        }
        String order = entry.string("order");
        boolean descending = false;
        if (order != null) {
          switch (order.toUpperCase(Locale.ROOT)) {
            case "ASC" -> descending = false;
            case "DESC" -> descending = true;
            default -> throw RestProblem.invalid("Property '" + path + ".order' must be ASC or DESC, but was '"
                + order + "'");
          }
        }
        sort.add(new Sort(name, descending));
      }
    }
    return new SearchQuery(List.copyOf(filter), List.copyOf(sort), page(body.object("page"), sort.size()
        + fields.identity().size()));
  }

  private static Page page(JsonFields p, int cursorLength) {
    if (p == null) {
      return new Page(0, DEFAULT_LIMIT, null, null);
    }
    p.allowOnly("from", "limit", "after", "before");
    Integer from = p.intIn("from", 0, Integer.MAX_VALUE);
    Integer limit = p.intIn("limit", 1, MAX_LIMIT);
    String after = p.string("after");
    String before = p.string("before");
    if (after != null && before != null) {
      throw RestProblem.invalid("Properties 'page.after' and 'page.before' exclude each other");
    }
    if (from != null && (after != null || before != null)) {
      throw RestProblem.invalid("Property 'page.from' cannot be combined with 'page.after' or 'page.before'");
    }
    return new Page(from == null ? 0 : from, limit == null ? DEFAULT_LIMIT : limit,
        after == null ? null : decodeCursor(after, "page.after", cursorLength),
        before == null ? null : decodeCursor(before, "page.before", cursorLength));
  }

  private static <T> void conditions(SearchField<T> field, Object raw, String path, List<Condition> out) {
    if (!(raw instanceof JsonObject ops)) {
      out.add(new Condition(field.name(), Op.EQ, value(field, raw, path)));
      return;
    }
    for (String opName : ops.fieldNames()) {
      Object v = ops.getValue(opName);
      String opPath = path + "." + opName;
      if (v == null || v instanceof JsonArray a && a.isEmpty()) {
        continue; // the client sends $in and $notIn empty when they are not set
      }
      Op op = switch (opName) {
        case "$eq" -> Op.EQ;
        case "$neq" -> Op.NEQ;
        case "$exists" -> Op.EXISTS;
        case "$in" -> Op.IN;
        case "$notIn" -> Op.NOT_IN;
        case "$like" -> Op.LIKE;
        case "$gt" -> Op.GT;
        case "$gte" -> Op.GTE;
        case "$lt" -> Op.LT;
        case "$lte" -> Op.LTE;
        default -> throw RestProblem.invalid("Property '" + opPath + "' is not a filter operator");
      };
      boolean ranged = op == Op.GT || op == Op.GTE || op == Op.LT || op == Op.LTE;
      if (ranged && field.type() != SearchField.Type.INTEGER && field.type() != SearchField.Type.DATE) {
        throw RestProblem.invalid("Property '" + opPath + "': " + field.name() + " has no order to compare by");
      }
      if (op == Op.LIKE && field.type() != SearchField.Type.STRING && field.type() != SearchField.Type.STRING_LIST) {
        throw RestProblem.invalid("Property '" + opPath + "': only text fields support $like");
      }
      Object value;
      if (op == Op.EXISTS) {
        if (!(v instanceof Boolean b)) {
          throw RestProblem.invalid("Property '" + opPath + "' must be a boolean");
        }
        value = b;
      } else if (op == Op.IN || op == Op.NOT_IN) {
        if (!(v instanceof JsonArray a)) {
          throw RestProblem.invalid("Property '" + opPath + "' must be an array");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          values.add(value(field, a.getValue(i), opPath + "[" + i + "]"));
        }
        value = values;
      } else if (op == Op.LIKE) {
        if (!(v instanceof String pattern)) {
          throw RestProblem.invalid("Property '" + opPath + "' must be a string");
        }
        value = pattern;
      } else {
        value = value(field, v, opPath);
      }
      out.add(new Condition(field.name(), op, value));
    }
  }

  /** A filter value normalized to the field's type, or a 400 naming the property. */
  private static Object value(SearchField<?> field, Object v, String path) {
    switch (field.type()) {
      case KEY -> {
        if (v instanceof Integer || v instanceof Long) {
          return ((Number) v).longValue();
        }
        if (v instanceof String s) {
          return Keys.parse(s, path);
        }
        throw RestProblem.invalid("Property '" + path + "' must be a key (a string of digits)");
      }
      case INTEGER -> {
        if (v instanceof Integer || v instanceof Long) {
          return ((Number) v).longValue();
        }
        throw RestProblem.invalid("Property '" + path + "' must be an integer");
      }
      case BOOLEAN -> {
        if (v instanceof Boolean b) {
          return b;
        }
        throw RestProblem.invalid("Property '" + path + "' must be a boolean");
      }
      case DATE -> {
        if (v instanceof String s) {
          try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
          } catch (DateTimeParseException e) {
            throw RestProblem.invalid("Property '" + path + "' must be an ISO-8601 date-time, but was '" + s + "'");
          }
        }
        throw RestProblem.invalid("Property '" + path + "' must be an ISO-8601 date-time");
      }
      case ENUM -> {
        if (v instanceof String s && field.values().contains(s)) {
          return s;
        }
        throw RestProblem.invalid("Property '" + path + "' must be one of " + field.values() + ", but was '" + v
            + "'");
      }
      default -> {
        if (v instanceof String s) {
          return s;
        }
        throw RestProblem.invalid("Property '" + path + "' must be a string");
      }
    }
  }

  /** A cursor is the sort values of one record, as base64url JSON: opaque to clients, checked here. */
  public static String encodeCursor(List<Object> sortValues) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(new JsonArray(new ArrayList<>(sortValues)).encode().getBytes(StandardCharsets.UTF_8));
  }

  private static List<Object> decodeCursor(String cursor, String path, int length) {
    try {
      JsonArray a = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      if (a.size() != length) {
        throw RestProblem.invalid("Property '" + path + "' is not a cursor of this query's sort order");
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Object v = a.getValue(i);
        if (v instanceof Integer n) {
          v = n.longValue();
        }
        if (v != null && !(v instanceof Long || v instanceof String || v instanceof Boolean)) {
          throw RestProblem.invalid("Property '" + path + "' is not a cursor");
        }
        values.add(v);
      }
      return values;
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw RestProblem.invalid("Property '" + path + "' is not a cursor");
    }
  }
}
