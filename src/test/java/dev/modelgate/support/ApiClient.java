package dev.modelgate.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** An HTTP client for the API, authenticated as one user (or anonymous). */
public final class ApiClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String authorization;
  private final Map<String, String> headers;

  ApiClient(String baseUrl, String authorization) {
    this(baseUrl, authorization, Map.of());
  }

  private ApiClient(String baseUrl, String authorization, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.headers = Map.copyOf(headers);
  }

  /** The same client sending one more header on every request (e.g. {@code X-Forwarded-For}). */
  public ApiClient withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new ApiClient(baseUrl, authorization, more);
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The Authorization header value this client sends (null = anonymous). */
  public String authorization() {
    return authorization;
  }

  /** The same server with another Authorization header value (null = anonymous). */
  public ApiClient withAuthorization(String authorization) {
    return new ApiClient(baseUrl, authorization, headers);
  }

  public ApiResponse get(String path) {
    return send("GET", path, null, null);
  }

  public ApiResponse post(String path, JsonObject body) {
    return send("POST", path, body == null ? null : body.encode(), "application/json");
  }

  public ApiResponse put(String path, JsonObject body) {
    return send("PUT", path, body.encode(), "application/json");
  }

  public ApiResponse patch(String path, JsonObject body) {
    return send("PATCH", path, body.encode(), "application/json");
  }

  public ApiResponse delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Any request; {@code path} is under /api/v1 unless it starts with "/" and not "/api/v1" is wanted. */
  public ApiResponse send(String method, String path, String body, String contentType) {
    return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        contentType);
  }

  /** Sends {@code body} as given, byte for byte (for bodies that are not valid UTF-8). */
  public ApiResponse sendBytes(String method, String path, byte[] body, String contentType) {
    String url = path.startsWith("http") ? path : baseUrl + (path.startsWith("/api/") || path.startsWith("/health")
        || path.startsWith("/metrics") || !path.startsWith("/") ? path : "/api/v1" + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
