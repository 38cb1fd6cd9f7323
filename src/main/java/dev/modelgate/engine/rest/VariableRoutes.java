package dev.modelgate.engine.rest;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Variables: search (the current value of each variable in each scope). */
final class VariableRoutes {
  private final EngineQueries queries;

  VariableRoutes(EngineQueries queries) {
    this.queries = queries;
  }

  List<RestRoute> routes() {
    return List.of(RestRoute.post("/variables/search", this::search));
  }

  private CompletableFuture<RestRoute.Reply> search(RoutingContext request) {
    SearchQuery query = SearchQuery.parse(RestRoute.body(request), VariableView.FIELDS);
    return queries.variables(query).thenApply(page -> RestRoute.Reply.ok(page.toJson(VariableView::toJson)));
  }
}
