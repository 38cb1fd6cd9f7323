package dev.modelgate.engine.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The searchable fields of one resource, and the fields that together identify a record (the last order of
 * every sort, so that pages and cursors are stable).
 */
public record SearchFields<T>(String resource, Map<String, SearchField<T>> byName, List<String> identity) {

  @SafeVarargs
  public static <T> SearchFields<T> of(String resource, List<String> identity, SearchField<T>... fields) {
    Map<String, SearchField<T>> map = new LinkedHashMap<>();
    for (SearchField<T> f : fields) {
      map.put(f.name(), f);
    }
    for (String id : identity) {
      if (!map.containsKey(id)) {
        throw new IllegalArgumentException("identity field " + id + " is not a field of " + resource);
      }
    }
    return new SearchFields<>(resource, Map.copyOf(map), List.copyOf(identity));
  }

  public SearchField<T> get(String name) {
    return byName.get(name);
  }
}
