package dev.modelgate.engine.rest;

import java.util.List;
import java.util.function.Function;

/**
 * One field of a searchable resource: its name in the REST API (filter and sort), its type, and how to
 * read its value from a record. Values are normalized so that they compare simply: keys and integers as
 * {@code Long}, dates as epoch milliseconds ({@code Long}), texts and enum values as {@code String},
 * {@code Boolean}, or a {@code List<String>} (a record that has several values, e.g. candidate groups);
 * null when the record has none.
 *
 * @param sortable whether the OpenAPI document lets a search sort by it
 * @param values for enums, the allowed values (a filter naming another is a 400)
 */
public record SearchField<T>(String name, Type type, Function<T, Object> value, boolean sortable,
    List<String> values) {

  public enum Type { KEY, INTEGER, STRING, BOOLEAN, DATE, ENUM, STRING_LIST }

  public static <T> SearchField<T> key(String name, Function<T, Object> value) {
    return new SearchField<>(name, Type.KEY, value, true, List.of());
  }

  public static <T> SearchField<T> integer(String name, Function<T, Object> value) {
    return new SearchField<>(name, Type.INTEGER, value, true, List.of());
  }

  public static <T> SearchField<T> string(String name, Function<T, Object> value) {
    return new SearchField<>(name, Type.STRING, value, true, List.of());
  }

  public static <T> SearchField<T> bool(String name, Function<T, Object> value) {
    return new SearchField<>(name, Type.BOOLEAN, value, true, List.of());
  }

  public static <T> SearchField<T> date(String name, Function<T, Object> value) {
    return new SearchField<>(name, Type.DATE, value, true, List.of());
  }

  public static <T> SearchField<T> enumeration(String name, Function<T, Object> value, List<String> values) {
    return new SearchField<>(name, Type.ENUM, value, true, values);
  }

  public static <T> SearchField<T> strings(String name, Function<T, Object> value) {
    return new SearchField<>(name, Type.STRING_LIST, value, false, List.of());
  }

  /** The same field, but only for filtering (the OpenAPI document has no sort on it). */
  public SearchField<T> filterOnly() {
    return new SearchField<>(name, type, value, false, values);
  }
}
