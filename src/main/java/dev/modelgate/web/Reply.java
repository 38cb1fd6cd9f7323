package dev.modelgate.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** What a handler answers: status, content type, body and extra headers. */
public record Reply(int status, String contentType, Buffer body, Map<String, String> headers) {

  public static Reply ok(JsonObject json) {
    return json(200, json, Map.of());
  }

  public static Reply ok(JsonArray json) {
    return new Reply(200, "application/json", json.toBuffer(), Map.of());
  }

  public static Reply created(JsonObject json, String location) {
    return json(201, json, Map.of("Location", location));
  }

  public static Reply accepted(JsonObject json) {
    return json(202, json, Map.of());
  }

  public static Reply noContent() {
    return new Reply(204, null, null, Map.of());
  }

  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, Buffer.buffer(body), Map.of());
  }

  public static Reply json(int status, JsonObject json, Map<String, String> headers) {
    return new Reply(status, "application/json", json.toBuffer(), headers);
  }
}
