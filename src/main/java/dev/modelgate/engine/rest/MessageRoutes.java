package dev.modelgate.engine.rest;

import dev.modelgate.engine.processing.Command;
import dev.modelgate.engine.processing.Results;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Messages (publication with correlation key, time to live and message id; correlation, which is never
 * buffered) and signal broadcasts.
 */
final class MessageRoutes {
  private final EngineCalls engine;
  private final SignalBroadcasts signals;

  MessageRoutes(EngineCalls engine, SignalBroadcasts signals) {
    this.engine = engine;
    this.signals = signals;
  }

  List<RestRoute> routes() {
    return List.of(
        RestRoute.post("/messages/publication", this::publish),
        RestRoute.post("/messages/correlation", this::correlate),
        RestRoute.post("/signals/broadcast", this::broadcast));
  }

  private CompletableFuture<RestRoute.Reply> publish(RoutingContext request) {
    JsonFields body = RestRoute.body(request);
    body.allowOnly("name", "correlationKey", "timeToLive", "messageId", "variables", "tenantId");
    String name = body.requiredString("name");
    String correlationKey = body.string("correlationKey");
    Long ttl = body.integer("timeToLive");
    if (ttl != null && ttl < 0) {
      throw RestProblem.invalid("Property 'timeToLive' must not be negative");
    }
    String messageId = body.string("messageId");
    ProcessInstanceRoutes.checkTenant(body);
    return engine.call(new Command.PublishMessage(name, correlationKey == null ? "" : correlationKey,
        ttl == null ? 0 : ttl, messageId == null ? "" : messageId, body.variables("variables")))
        .thenApply(r -> RestRoute.Reply.ok(new JsonObject().put("tenantId", EngineRestServer.TENANT)
            .put("messageKey", Keys.format(((Results.Key) r).key()))));
  }

  /** Correlates to one waiting subscription or message start event; 404 when nothing correlates. */
  private CompletableFuture<RestRoute.Reply> correlate(RoutingContext request) {
    JsonFields body = RestRoute.body(request);
    body.allowOnly("name", "correlationKey", "variables", "tenantId");
    String name = body.requiredString("name");
    String correlationKey = body.string("correlationKey");
    ProcessInstanceRoutes.checkTenant(body);
    return engine.call(new Command.CorrelateMessage(name, correlationKey == null ? "" : correlationKey,
        body.variables("variables"))).thenApply(r -> {
          Results.MessageCorrelation c = (Results.MessageCorrelation) r;
          return RestRoute.Reply.ok(new JsonObject().put("tenantId", EngineRestServer.TENANT)
              .put("messageKey", Keys.format(c.messageKey()))
              .put("processInstanceKey", Keys.format(c.processInstanceKey())));
        });
  }

  private CompletableFuture<RestRoute.Reply> broadcast(RoutingContext request) {
    JsonFields body = RestRoute.body(request);
    body.allowOnly("signalName", "variables", "tenantId");
    String name = body.requiredString("signalName");
    ProcessInstanceRoutes.checkTenant(body);
    return signals.broadcast(name, body.variables("variables"))
        .thenApply(key -> RestRoute.Reply.ok(new JsonObject().put("tenantId", EngineRestServer.TENANT)
            .put("signalKey", Keys.format(key))));
  }
}
