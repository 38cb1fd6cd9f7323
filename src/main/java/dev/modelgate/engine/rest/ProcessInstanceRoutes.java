package dev.modelgate.engine.rest;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Results;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Process instances: create (optionally awaiting the result), get, cancel, search, taken sequence flows. */
final class ProcessInstanceRoutes {
  private final EngineCalls engine;
  private final EngineQueries queries;

  ProcessInstanceRoutes(EngineCalls engine, EngineQueries queries) {
    this.engine = engine;
    this.queries = queries;
  }

  List<RestRoute> routes() {
    return List.of(
        RestRoute.post("/process-instances", this::create),
        RestRoute.post("/process-instances/search", this::search),
        RestRoute.get("/process-instances/:processInstanceKey", this::get),
        RestRoute.post("/process-instances/:processInstanceKey/cancellation", this::cancel),
        RestRoute.get("/process-instances/:processInstanceKey/sequence-flows", this::sequenceFlows));
  }

  private CompletableFuture<RestRoute.Reply> create(RoutingContext request) {
    JsonFields body = RestRoute.body(request);
    body.allowOnly("processDefinitionId", "processDefinitionKey", "processDefinitionVersion", "variables",
        "tenantId", "operationReference", "startInstructions", "runtimeInstructions", "awaitCompletion",
        "requestTimeout", "fetchVariables", "tags", "businessId");
    String processId = body.string("processDefinitionId");
    Long definitionKey = body.key("processDefinitionKey");
    Integer version = body.intIn("processDefinitionVersion", -1, Integer.MAX_VALUE);
    if ((processId == null || processId.isBlank()) == (definitionKey == null)) {
      throw RestProblem.invalid("Exactly one of 'processDefinitionId' and 'processDefinitionKey' must be given");
    }
    if (body.array("startInstructions") != null && !body.array("startInstructions").isEmpty()
        || body.array("runtimeInstructions") != null && !body.array("runtimeInstructions").isEmpty()) {
      throw RestProblem.invalid("Properties 'startInstructions' and 'runtimeInstructions' are not supported by"
          + " the embedded engine");
    }
    checkTenant(body);
    String variables = body.variables("variables");
    int v = definitionKey != null ? 0 : version == null ? -1 : version;
    Command.CreateInstance create = new Command.CreateInstance(definitionKey == null ? 0 : definitionKey,
        processId == null ? "" : processId, v, variables);
    if (Boolean.TRUE.equals(body.bool("awaitCompletion"))) {
      List<String> fetch = body.strings("fetchVariables");
      return engine.call(new Command.AwaitResult(create, fetch)).thenApply(r -> {
        Results.InstanceResult result = (Results.InstanceResult) r;
        return RestRoute.Reply.ok(created(result.instance())
            .put("variables", new JsonObject(result.variablesJson())));
      });
    }
    return engine.call(create).thenApply(r -> RestRoute.Reply.ok(created((Results.InstanceCreated) r)));
  }

  static void checkTenant(JsonFields body) {
    String tenant = body.string("tenantId");
    if (tenant != null && !tenant.equals(EngineRestServer.TENANT)) {
      throw RestProblem.invalid("Property 'tenantId' must be '" + EngineRestServer.TENANT
          + "': the embedded engine has no other tenants");
    }
  }

  private static JsonObject created(Results.InstanceCreated c) {
    return new JsonObject().put("processDefinitionId", c.bpmnProcessId())
        .put("processDefinitionVersion", c.version())
        .put("processDefinitionKey", Keys.format(c.processDefinitionKey()))
        .put("processInstanceKey", Keys.format(c.processInstanceKey())).put("tenantId", EngineRestServer.TENANT)
        .put("tags", new JsonArray());
  }

  private CompletableFuture<RestRoute.Reply> search(RoutingContext request) {
    SearchQuery query = SearchQuery.parse(RestRoute.body(request), ProcessInstanceView.FIELDS);
    return queries.processInstances(query)
        .thenApply(page -> RestRoute.Reply.ok(page.toJson(ProcessInstanceView::toJson)));
  }

  private CompletableFuture<RestRoute.Reply> get(RoutingContext request) {
    long key = RestRoute.pathKey(request, "processInstanceKey");
    return queries.processInstances(SearchQuery.byKey("processInstanceKey", key)).thenApply(page -> {
      if (page.items().isEmpty()) {
        throw RestProblem.notFound("Process instance with key '" + key + "' not found");
      }
      return RestRoute.Reply.ok(page.items().get(0).toJson());
    });
  }

  private CompletableFuture<RestRoute.Reply> cancel(RoutingContext request) {
    long key = RestRoute.pathKey(request, "processInstanceKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("operationReference");
    return engine.call(new Command.CancelInstance(key)).thenApply(r -> RestRoute.Reply.noContent());
  }

  private CompletableFuture<RestRoute.Reply> sequenceFlows(RoutingContext request) {
    long key = RestRoute.pathKey(request, "processInstanceKey");
    return queries.sequenceFlows(key).thenApply(flows -> {
      JsonArray items = new JsonArray();
      flows.orElseThrow(() -> RestProblem.notFound("Process instance with key '" + key + "' not found"))
          .forEach(f -> items.add(f.toJson()));
      return RestRoute.Reply.ok(new JsonObject().put("items", items));
    });
  }
}
