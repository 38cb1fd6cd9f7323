package dev.modelgate.engine.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one filter/sort/page implementation, on user tasks (whose engine state another branch adds): list
 * fields, wildcards, ranges, descending orders with ties, and cursors in both directions.
 */
class InMemorySearchTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static UserTaskView task(long key, String assignee, List<String> groups, int priority, Instant due) {
    return new UserTaskView(key, "Review " + key, "CREATED", assignee, "review", key + 1000, groups, List.of(),
        "order", 1, 77, key + 2000, key + 2000, T0, null, due, null, priority, Map.of(), null, null);
  }

  private static final List<UserTaskView> TASKS = List.of(
      task(1, "ada", List.of("sales", "ops"), 50, T0.plusSeconds(10)),
      task(2, null, List.of("ops"), 50, null),
      task(3, "alan", List.of(), 80, T0.plusSeconds(30)),
      task(4, "bob", List.of("sales"), 50, T0.plusSeconds(20)),
      task(5, "ada", List.of("legal"), 10, T0.plusSeconds(40)));

  private static List<Long> keys(SearchResult<UserTaskView> r) {
    return r.items().stream().map(UserTaskView::userTaskKey).toList();
  }

  private static SearchResult<UserTaskView> search(String json) {
    return InMemorySearch.run(TASKS, UserTaskView.FIELDS,
        SearchQuery.parse(JsonFields.of(Buffer.buffer(json)), UserTaskView.FIELDS));
  }

  @Test
  void filtersOnListsWildcardsAndRanges() {
    assertEquals(List.of(1L, 4L), keys(search("{\"filter\":{\"candidateGroup\":\"sales\"}}")));
    assertEquals(List.of(3L, 5L), keys(search("{\"filter\":{\"candidateGroup\":{\"$notIn\":[\"ops\",\"sales\"]}}}")));
    assertEquals(List.of(1L, 3L, 5L), keys(search("{\"filter\":{\"assignee\":{\"$like\":\"a*\"}}}")));
    assertEquals(List.of(2L), keys(search("{\"filter\":{\"assignee\":{\"$exists\":false}}}")));
    assertEquals(List.of(3L, 4L), keys(search("{\"filter\":{\"dueDate\":{\"$gt\":\"2026-01-01T00:00:10Z\","
        + "\"$lte\":\"2026-01-01T00:00:30Z\"}}}")));
    assertEquals(List.of(1L, 5L), keys(search("{\"filter\":{\"assignee\":\"ada\",\"processInstanceKey\":{\"$in\":"
        + "[\"2001\",\"2005\"]}}}")));
  }

  @Test
  void descendingSortsBreakTiesByKeyAndCursorsWalkBothWays() {
    String sort = "\"sort\":[{\"field\":\"priority\",\"order\":\"DESC\"}]";
    SearchResult<UserTaskView> all = search("{" + sort + "}");
    assertEquals(List.of(3L, 1L, 2L, 4L, 5L), keys(all));
    assertEquals(5, all.totalItems());

    List<Long> walked = new ArrayList<>();
    SearchResult<UserTaskView> page = search("{" + sort + ",\"page\":{\"limit\":2}}");
    while (!page.items().isEmpty()) {
      walked.addAll(keys(page));
      assertEquals(5, page.totalItems());
      page = search("{" + sort + ",\"page\":{\"limit\":2,\"after\":\"" + page.endCursor() + "\"}}");
    }
    assertEquals(keys(all), walked);
    assertNull(page.startCursor());

    SearchResult<UserTaskView> last = search("{" + sort + ",\"page\":{\"from\":3,\"limit\":2}}");
    assertEquals(List.of(4L, 5L), keys(last));
    SearchResult<UserTaskView> before = search("{" + sort + ",\"page\":{\"limit\":2,\"before\":\""
        + last.startCursor() + "\"}}");
    assertEquals(List.of(1L, 2L), keys(before));
  }

  @Test
  void absentDatesSortLast() {
    assertEquals(List.of(1L, 4L, 3L, 5L, 2L), keys(search("{\"sort\":[{\"field\":\"dueDate\"}]}")));
  }
}
