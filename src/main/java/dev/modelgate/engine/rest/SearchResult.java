package dev.modelgate.engine.rest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a search: the records, how many match in all, and the cursors of the page's first and last
 * record (null for an empty page), for {@code page.before} and {@code page.after}.
 */
public record SearchResult<T>(List<T> items, long totalItems, String startCursor, String endCursor) {

  /** The REST shape: {@code {items: [...], page: {totalItems, hasMoreTotalItems, startCursor, endCursor}}}. */
  public JsonObject toJson(Function<T, JsonObject> render) {
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(render.apply(i)));
    return new JsonObject().put("items", array).put("page", new JsonObject().put("totalItems", totalItems)
        .put("hasMoreTotalItems", false).put("startCursor", startCursor).put("endCursor", endCursor));
  }
}
