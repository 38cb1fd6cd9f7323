package dev.modelgate.engine.rest;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Results;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code POST /v2/deployments}: a multipart form with one {@code resources} part per file. */
final class DeploymentRoutes {
  private final EngineCalls engine;
  private final Vertx vertx;

  DeploymentRoutes(EngineCalls engine, Vertx vertx) {
    this.engine = engine;
    this.vertx = vertx;
  }

  List<RestRoute> routes() {
    return List.of(RestRoute.post("/deployments", this::deploy));
  }

  private CompletableFuture<RestRoute.Reply> deploy(RoutingContext request) {
    List<FileUpload> uploads = new ArrayList<>();
    for (FileUpload u : request.fileUploads()) {
      if (!"resources".equals(u.name())) {
        throw RestProblem.invalid("Multipart part '" + u.name() + "' is not supported; send files as 'resources'");
      }
      uploads.add(u);
    }
    if (uploads.isEmpty()) {
      throw RestProblem.invalid("No resources given: send the files as multipart parts named 'resources'");
    }
    List<Future<Buffer>> reads = new ArrayList<>();
    for (FileUpload u : uploads) {
      reads.add(vertx.fileSystem().readFile(u.uploadedFileName()));
    }
    return Future.all(reads).toCompletionStage().toCompletableFuture().thenCompose(all -> {
      List<Command.Resource> resources = new ArrayList<>();
      for (int i = 0; i < uploads.size(); i++) {
        resources.add(new Command.Resource(uploads.get(i).fileName(), reads.get(i).result().getBytes()));
      }
      return engine.call(new Command.Deploy(resources));
    }).thenApply(result -> RestRoute.Reply.ok(render((Results.Deployment) result)));
  }

  private static JsonObject render(Results.Deployment d) {
    JsonArray deployments = new JsonArray();
    for (Results.DeployedProcess p : d.processes()) {
      deployments.add(new JsonObject().put("processDefinition", new JsonObject()
          .put("processDefinitionId", p.bpmnProcessId()).put("processDefinitionVersion", p.version())
          .put("resourceName", p.resourceName()).put("tenantId", EngineRestServer.TENANT)
          .put("processDefinitionKey", Keys.format(p.processDefinitionKey()))));
    }
    for (Results.DeployedDecision x : d.decisions()) {
      deployments.add(new JsonObject().put("decisionDefinition", new JsonObject()
          .put("decisionDefinitionId", x.decisionId()).put("version", x.version()).put("name", x.name())
          .put("tenantId", EngineRestServer.TENANT).put("decisionRequirementsId", x.drgId())
          .put("decisionDefinitionKey", Keys.format(x.decisionKey()))
          .put("decisionRequirementsKey", Keys.format(x.decisionRequirementsKey()))));
    }
    for (Results.DeployedDecisionRequirements x : d.decisionRequirements()) {
      deployments.add(new JsonObject().put("decisionRequirements", new JsonObject()
          .put("decisionRequirementsId", x.drgId()).put("decisionRequirementsName", x.name())
          .put("version", x.version()).put("resourceName", x.resourceName()).put("tenantId", EngineRestServer.TENANT)
          .put("decisionRequirementsKey", Keys.format(x.decisionRequirementsKey()))));
    }
    return new JsonObject().put("deploymentKey", Keys.format(d.key())).put("tenantId", EngineRestServer.TENANT)
        .put("deployments", deployments);
  }
}
