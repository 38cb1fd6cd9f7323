package dev.modelgate.ops;

import dev.modelgate.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Liveness, readiness (the store can make writes durable, the server is not shutting down) and Prometheus
 * metrics, among them {@code modelgate_store_available} (1, or 0 while a full or read-only disk keeps the
 * store from committing).
 */
public final class OpsRoutes {

  private final Store store;
  private final ExecutorService blocking;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier accepting;

  public OpsRoutes(Store store, ExecutorService blocking, PrometheusMeterRegistry registry,
      BooleanSupplier accepting) {
    this.store = store;
    this.blocking = blocking;
    this.registry = registry;
    this.accepting = accepting;
    Gauge.builder("modelgate.store.available", store, s -> s.durability().available() ? 1 : 0)
        .description("1 while the store can make writes durable, 0 while it waits for a writable disk")
        .register(registry);
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }

  private void ready(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    blocking.execute(() -> {
      boolean storeUp = store.available();
      boolean up = storeUp && accepting.getAsBoolean();
      JsonObject checks = new JsonObject().put("store", storeUp ? "UP" : "DOWN")
          .put("accepting", accepting.getAsBoolean() ? "UP" : "DOWN");
      if (!storeUp && !store.lastFailure().isEmpty()) {
        checks.put("storeFailure", store.lastFailure());
      }
      JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks);
      context.runOnContext(v -> json(ctx, up ? 200 : 503, body));
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }
}
