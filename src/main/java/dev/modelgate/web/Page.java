package dev.modelgate.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/** One page of a list: its items and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String next) {

  /** Builds a page from up to limit+1 fetched items: the extra one only tells that more exist. */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
    if (fetched.size() > limit) {
      List<T> items = fetched.subList(0, limit);
      return new Page<>(List.copyOf(items), id.apply(items.getLast()));
    }
    return new Page<>(List.copyOf(fetched), null);
  }

  public JsonObject toJson(Function<T, JsonObject> render) {
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(render.apply(i)));
    return new JsonObject().put("items", array).put("next", next);
  }
}
