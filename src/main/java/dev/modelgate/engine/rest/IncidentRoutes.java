package dev.modelgate.engine.rest;

import dev.modelgate.engine.processing.Command;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Incidents: search, get, resolve. */
final class IncidentRoutes {
  private final EngineCalls engine;
  private final EngineQueries queries;

  IncidentRoutes(EngineCalls engine, EngineQueries queries) {
    this.engine = engine;
    this.queries = queries;
  }

  List<RestRoute> routes() {
    return List.of(
        RestRoute.post("/incidents/search", this::search),
        RestRoute.get("/incidents/:incidentKey", this::get),
        RestRoute.post("/incidents/:incidentKey/resolution", this::resolve));
  }

  private CompletableFuture<RestRoute.Reply> search(RoutingContext request) {
    SearchQuery query = SearchQuery.parse(RestRoute.body(request), IncidentView.FIELDS);
    return queries.incidents(query).thenApply(page -> RestRoute.Reply.ok(page.toJson(IncidentView::toJson)));
  }

  private CompletableFuture<RestRoute.Reply> get(RoutingContext request) {
    long key = RestRoute.pathKey(request, "incidentKey");
    return queries.incidents(SearchQuery.byKey("incidentKey", key)).thenApply(page -> {
      if (page.items().isEmpty()) {
        throw RestProblem.notFound("Incident with key '" + key + "' not found");
      }
      return RestRoute.Reply.ok(page.items().get(0).toJson());
    });
  }

  private CompletableFuture<RestRoute.Reply> resolve(RoutingContext request) {
    long key = RestRoute.pathKey(request, "incidentKey");
    RestRoute.body(request).allowOnly("operationReference");
    return engine.call(new Command.ResolveIncident(key)).thenApply(r -> RestRoute.Reply.noContent());
  }
}
