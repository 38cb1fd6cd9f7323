package dev.modelgate.engine.rest;

import dev.modelgate.engine.EngineAccess;
import dev.modelgate.engine.processing.CommandSink;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Orchestration Cluster REST API (v2): the subset of Camunda 8.8/8.9's published OpenAPI
 * document that this engine supports, under {@code /v2}, with its paths, shapes, string keys, paging and
 * RFC 9457 problems. It runs on its own small Vert.x instance, so that the engine needs nothing of the
 * application around it. Handlers only parse, hand a command to the engine's writer (or a query to
 * {@link EngineQueries}) and render the answer, which arrives once the engine has made it durable.
 */
public final class EngineRestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRestServer.class);
  public static final String TENANT = "<default>";
  public static final String VERSION = "8.9.0";
  private static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private final Vertx vertx;
  private final HttpServer server;

  /** What the REST server serves; the seams not yet filled by the engine are {@code NONE}. */
  public record Parts(CommandSink engine, EngineQueries queries, UserTaskActions userTasks,
      SignalBroadcasts signals) {}

  private EngineRestServer(String host, int port, EngineAccess access, String grpcHost, IntSupplier grpcPort,
      Parts parts) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
        .setInternalBlockingPoolSize(2));
    EngineCalls calls = new EngineCalls(parts.engine());
    List<RestRoute> table = new ArrayList<>();
    table.addAll(new TopologyRoutes(grpcHost, grpcPort).routes());
    table.addAll(new DeploymentRoutes(calls, vertx).routes());
    table.addAll(new ProcessInstanceRoutes(calls, parts.queries()).routes());
    table.addAll(new ElementInstanceRoutes(parts.queries()).routes());
    table.addAll(new VariableRoutes(parts.queries()).routes());
    table.addAll(new IncidentRoutes(calls, parts.queries()).routes());
    table.addAll(new JobRoutes(calls, parts.queries()).routes());
    table.addAll(new MessageRoutes(calls, parts.signals()).routes());
    table.addAll(new DecisionRoutes(calls).routes());
    table.addAll(new UserTaskRoutes(parts.queries(), parts.userTasks()).routes());

    Router router = Router.router(vertx);
    router.route("/v2/*").handler(ctx -> {
      if (access.allows(ctx.request().getHeader("Authorization"))) {
        ctx.next();
      } else {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        reply(ctx, new RestProblem(401, "UNAUTHORIZED", "The engine requires a bearer token (MODELGATE_ENGINE_TOKEN)"));
      }
    });
    router.route("/v2/*").handler(BodyHandler.create(uploadsDirectory()).setBodyLimit(MAX_BODY_BYTES)
        .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false));
    for (RestRoute r : table) {
      router.route(r.method(), "/v2" + r.path()).handler(ctx -> handle(ctx, r.handler()));
    }
    router.route().last().handler(ctx -> reply(ctx, RestProblem.notFound("No such endpoint: " + ctx.request().method()
        + " " + ctx.request().path() + " (the embedded engine serves a subset of the REST API v2)")));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (ctx.failure() instanceof RestProblem p) {
        reply(ctx, p);
      } else if (status == 413) {
        reply(ctx, new RestProblem(413, "PAYLOAD_TOO_LARGE", "The request body exceeds " + MAX_BODY_BYTES + " bytes"));
      } else if (status < 500) {
        reply(ctx, new RestProblem(status, "INVALID_ARGUMENT", "The request is malformed"));
      } else {
        LOG.error("engine REST request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        reply(ctx, new RestProblem(500, "INTERNAL", "The engine failed to handle the request"));
      }
    });
    try {
      this.server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
          .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("cannot start the embedded engine's REST API on " + host + ":" + port + ": "
          + (e.getCause() != null ? e.getCause() : e), e);
    }
  }

  /**
   * Starts the REST API on {@code host:port} (port 0 picks a free port); the topology names the gRPC gateway at
   * {@code grpcHost} and {@code grpcPort}.
   */
  public static EngineRestServer start(String host, int port, EngineAccess access, String grpcHost,
      IntSupplier grpcPort, Parts parts) {
    return new EngineRestServer(host, port, access, grpcHost, grpcPort, parts);
  }

  public int port() {
    return server.actualPort();
  }

  private static String uploadsDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "modelgate-engine-uploads").toString();
  }

  private static void handle(RoutingContext ctx, RestRoute.Handler handler) {
    CompletableFuture<RestRoute.Reply> reply;
    try {
      reply = handler.handle(ctx);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete((r, error) -> {
      if (error == null) {
        if (r.body() == null) {
          ctx.response().setStatusCode(r.status()).end();
        } else {
          ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json")
              .end(r.body().encode());
        }
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof RestProblem p) {
        reply(ctx, p);
      } else {
        LOG.error("engine REST request {} {} failed", ctx.request().method(), ctx.request().path(), cause);
        reply(ctx, new RestProblem(500, "INTERNAL", "The engine failed to handle the request: " + cause));
      }
    });
  }

  private static void reply(RoutingContext ctx, RestProblem p) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body = p.toJson(ctx.request().path());
    ctx.response().setStatusCode(p.status()).putHeader("Content-Type", RestProblem.MEDIA_TYPE).end(body.encode());
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("closing the engine's REST API: {}", e.toString());
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("closing the engine's REST API's Vert.x: {}", e.toString());
    }
  }
}
