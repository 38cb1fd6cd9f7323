package dev.modelgate.engine.rest;

import dev.modelgate.engine.behavior.ActivatedJobData;
import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Results;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Jobs: activation (long polling as over gRPC), search, completion, failure, throwing an error, retries and timeout. */
final class JobRoutes {
  private final EngineCalls engine;
  private final EngineQueries queries;

  JobRoutes(EngineCalls engine, EngineQueries queries) {
    this.engine = engine;
    this.queries = queries;
  }

  List<RestRoute> routes() {
    return List.of(
        RestRoute.post("/jobs/activation", this::activate),
        RestRoute.post("/jobs/search", this::search),
        RestRoute.post("/jobs/:jobKey/completion", this::complete),
        RestRoute.post("/jobs/:jobKey/failure", this::fail),
        RestRoute.post("/jobs/:jobKey/error", this::throwError),
        RestRoute.patch("/jobs/:jobKey", this::update));
  }

  private CompletableFuture<RestRoute.Reply> activate(RoutingContext request) {
    JsonFields body = RestRoute.body(request);
    body.allowOnly("type", "worker", "timeout", "maxJobsToActivate", "fetchVariable", "requestTimeout", "tenantIds",
        "tenantFilter");
    String type = body.requiredString("type");
    Long timeout = body.integer("timeout");
    if (timeout == null || timeout < 1) {
      throw RestProblem.invalid("Property 'timeout' must be at least 1 (ms)");
    }
    Integer max = body.intIn("maxJobsToActivate", 1, Integer.MAX_VALUE);
    if (max == null) {
      throw RestProblem.invalid("No maxJobsToActivate provided.");
    }
    String worker = body.string("worker");
    Command.ActivateJobs command = new Command.ActivateJobs(type, worker == null || worker.isBlank() ? "default"
        : worker, timeout, max, body.strings("fetchVariable"), body.integer("requestTimeout", 0));
    return engine.call(command, () -> request.response().closed()).thenApply(r -> {
      JsonArray jobs = new JsonArray();
      for (ActivatedJobData job : ((Results.ActivatedJobs) r).jobs()) {
        jobs.add(render(job));
      }
      return RestRoute.Reply.ok(new JsonObject().put("jobs", jobs));
    });
  }

  private CompletableFuture<RestRoute.Reply> search(RoutingContext request) {
    SearchQuery query = SearchQuery.parse(RestRoute.body(request), JobView.FIELDS);
    return queries.jobs(query).thenApply(page -> RestRoute.Reply.ok(page.toJson(JobView::toJson)));
  }

  private static JsonObject render(ActivatedJobData job) {
    JsonObject headers = new JsonObject();
    job.customHeaders().forEach(headers::put);
    return new JsonObject().put("jobKey", Keys.format(job.key())).put("type", job.type())
        .put("processInstanceKey", Keys.format(job.processInstanceKey()))
        .put("processDefinitionId", job.bpmnProcessId()).put("processDefinitionVersion", job.processDefinitionVersion())
        .put("processDefinitionKey", Keys.format(job.processDefinitionKey())).put("elementId", job.elementId())
        .put("elementInstanceKey", Keys.format(job.elementInstanceKey())).put("customHeaders", headers)
        .put("worker", job.worker()).put("retries", job.retries()).put("deadline", job.deadline())
        .put("variables", new JsonObject(job.variablesJson())).put("tenantId", EngineRestServer.TENANT)
        .put("kind", "BPMN_ELEMENT").put("listenerEventType", "UNSPECIFIED").put("tags", new JsonArray());
  }

  private CompletableFuture<RestRoute.Reply> complete(RoutingContext request) {
    long key = RestRoute.pathKey(request, "jobKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("variables", "result");
    if (body.has("result")) {
      throw RestProblem.invalid("Property 'result' (job results for user task listeners and ad-hoc sub-processes)"
          + " is not supported by the embedded engine");
    }
    return engine.call(new Command.CompleteJob(key, body.variables("variables")))
        .thenApply(r -> RestRoute.Reply.noContent());
  }

  private CompletableFuture<RestRoute.Reply> fail(RoutingContext request) {
    long key = RestRoute.pathKey(request, "jobKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("retries", "errorMessage", "retryBackOff", "variables");
    Integer retries = body.intIn("retries", 0, Integer.MAX_VALUE);
    Long backOff = body.integer("retryBackOff");
    if (backOff != null && backOff < 0) {
      throw RestProblem.invalid("Property 'retryBackOff' must not be negative");
    }
    String message = body.string("errorMessage");
    return engine.call(new Command.FailJob(key, retries == null ? 0 : retries, message == null ? "" : message,
        backOff == null ? 0 : backOff, body.variables("variables"))).thenApply(r -> RestRoute.Reply.noContent());
  }

  private CompletableFuture<RestRoute.Reply> throwError(RoutingContext request) {
    long key = RestRoute.pathKey(request, "jobKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("errorCode", "errorMessage", "variables");
    String code = body.requiredString("errorCode");
    String message = body.string("errorMessage");
    return engine.call(new Command.ThrowError(key, code, message == null ? "" : message, body.variables("variables")))
        .thenApply(r -> RestRoute.Reply.noContent());
  }

  private CompletableFuture<RestRoute.Reply> update(RoutingContext request) {
    long key = RestRoute.pathKey(request, "jobKey");
    JsonFields body = RestRoute.body(request);
    body.allowOnly("changeset", "operationReference");
    JsonFields changes = body.object("changeset");
    if (changes == null) {
      throw RestProblem.invalid("No changeset provided.");
    }
    changes.allowOnly("retries", "timeout");
    Integer retries = changes.intIn("retries", 0, Integer.MAX_VALUE);
    Long timeout = changes.integer("timeout");
    if (retries == null && timeout == null) {
      throw RestProblem.invalid("Property 'changeset' must change 'retries' or 'timeout'");
    }
    if (timeout != null && timeout < 0) {
      throw RestProblem.invalid("Property 'changeset.timeout' must not be negative");
    }
    CompletableFuture<Object> done = retries == null ? CompletableFuture.completedFuture(null)
        : engine.call(new Command.UpdateJobRetries(key, retries));
    return done.thenCompose(r -> timeout == null ? CompletableFuture.completedFuture(null)
        : engine.call(new Command.UpdateJobTimeout(key, timeout))).thenApply(r -> RestRoute.Reply.noContent());
  }
}
