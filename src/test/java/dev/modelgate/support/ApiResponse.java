package dev.modelgate.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;

/** A response as a test sees it. */
public record ApiResponse(int status, String body, HttpHeaders headers) {

  public JsonObject json() {
    return new JsonObject(body);
  }

  public JsonArray items() {
    return json().getJsonArray("items");
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public String contentType() {
    return header("content-type");
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
