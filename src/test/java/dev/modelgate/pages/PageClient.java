package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A plain-HTTP stand-in for a browser: keeps the session (and flash) cookies, follows no redirects. */
final class PageClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String baseUrl;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  PageClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Signs in through the login form. */
  static PageClient signedIn(TestServer server, String user) {
    PageClient c = new PageClient(server.baseUrl());
    HttpResponse<String> login = c.get("/login");
    HttpResponse<String> r = c.post("/login", Map.of("username", user, "password", TestServer.PASSWORD,
        "_csrf", csrf(login.body())));
    assertEquals(303, r.statusCode(), r::body);
    return c;
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertTrue(m.find(), "the page carries a CSRF token");
    return m.group(1);
  }

  /** The CSRF token of this session, read from the dashboard. */
  String csrf() {
    return csrf(get("/dashboard").body());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts {@code body} exactly as given (already encoded), with {@code contentType}. */
  HttpResponse<String> postRaw(String path, String body, String contentType) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String c : r.headers().allValues("set-cookie")) {
        int eq = c.indexOf('=');
        int end = c.indexOf(';');
        String name = c.substring(0, eq);
        String value = c.substring(eq + 1, end < 0 ? c.length() : end);
        if (value.isEmpty() || c.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
