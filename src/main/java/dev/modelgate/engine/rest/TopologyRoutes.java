package dev.modelgate.engine.rest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.IntSupplier;

/** {@code GET /v2/topology}: one broker, one partition, led by this engine. */
final class TopologyRoutes {
  private final String host;
  private final IntSupplier grpcPort;

  TopologyRoutes(String host, IntSupplier grpcPort) {
    this.host = host;
    this.grpcPort = grpcPort;
  }

  List<RestRoute> routes() {
    return List.of(RestRoute.get("/topology", r -> RestRoute.Reply.done(topology())));
  }

  private JsonObject topology() {
    JsonObject partition = new JsonObject().put("partitionId", 1).put("role", "leader").put("health", "healthy");
    JsonObject broker = new JsonObject().put("nodeId", 0).put("host", host).put("port", grpcPort.getAsInt())
        .put("partitions", new JsonArray().add(partition)).put("version", EngineRestServer.VERSION);
    return new JsonObject().put("brokers", new JsonArray().add(broker)).put("clusterId", "modelgate-embedded")
        .put("clusterSize", 1).put("partitionsCount", 1).put("replicationFactor", 1)
        .put("gatewayVersion", EngineRestServer.VERSION);
  }
}
