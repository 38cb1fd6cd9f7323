package dev.modelgate.engine.rest;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Element instances: search and get. */
final class ElementInstanceRoutes {
  private final EngineQueries queries;

  ElementInstanceRoutes(EngineQueries queries) {
    this.queries = queries;
  }

  List<RestRoute> routes() {
    return List.of(
        RestRoute.post("/element-instances/search", this::search),
        RestRoute.get("/element-instances/:elementInstanceKey", this::get));
  }

  private CompletableFuture<RestRoute.Reply> search(RoutingContext request) {
    SearchQuery query = SearchQuery.parse(RestRoute.body(request), ElementInstanceView.FIELDS);
    return queries.elementInstances(query)
        .thenApply(page -> RestRoute.Reply.ok(page.toJson(ElementInstanceView::toJson)));
  }

  private CompletableFuture<RestRoute.Reply> get(RoutingContext request) {
    long key = RestRoute.pathKey(request, "elementInstanceKey");
    return queries.elementInstances(SearchQuery.byKey("elementInstanceKey", key)).thenApply(page -> {
      if (page.items().isEmpty()) {
        throw RestProblem.notFound("Element instance with key '" + key + "' not found");
      }
      return RestRoute.Reply.ok(page.items().get(0).toJson());
    });
  }
}
