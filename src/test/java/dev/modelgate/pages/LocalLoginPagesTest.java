package dev.modelgate.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages with local accounts: the login form (CSRF, one message for every failure, rate limit), the
 * session cookie, the dashboard, sign-out, session-cookie API calls, security headers, and the rate
 * limit on HTTP Basic.
 */
class LocalLoginPagesTest {

  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  static final Pattern MESSAGE = Pattern.compile("id=\"message\">([^<]*)<");
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("alpha");
    server.createUser("paula", "alpha", List.of("product", "viewer"));
    server.createUser("rolf", "alpha", List.of("viewer"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A browser-like client: keeps the session cookie, follows nothing. */
  static final class Browser {
    String cookie;

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET(), null);
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
      String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)), null);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String csrfHeader) {
      if (cookie != null) {
        b.header("Cookie", PageSessions.COOKIE + "=" + cookie);
      }
      if (csrfHeader != null) {
        b.header("X-CSRF-Token", csrfHeader);
      }
      try {
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(PageSessions.COOKIE + "="))
            .forEach(c -> cookie = c.substring(PageSessions.COOKIE.length() + 1, c.indexOf(';')));
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Opens the login form and returns its CSRF token. */
    String openLogin() {
      HttpResponse<String> r = get("/login");
      assertEquals(200, r.statusCode(), r::body);
      return csrf(r.body());
    }

    HttpResponse<String> login(String user, String password) {
      String csrf = openLogin();
      return post("/login", form("username", user, "password", password, "_csrf", csrf));
    }
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertTrue(m.find(), "the form carries a CSRF token");
    return m.group(1);
  }

  static String message(String html) {
    Matcher m = MESSAGE.matcher(html);
    return m.find() ? m.group(1) : null;
  }

  static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void signInLandsOnTheDashboardWithANewHttpOnlySession() {
    Browser b = new Browser();
    assertEquals("/login", b.get("/dashboard").headers().firstValue("location").orElse(null));
    HttpResponse<String> loginPage = b.get("/login");
    String setCookie = loginPage.headers().firstValue("set-cookie").orElseThrow().toLowerCase(Locale.ROOT);
    assertTrue(setCookie.contains("; httponly"), setCookie);
    assertTrue(setCookie.contains("; samesite=lax"), setCookie);
    assertFalse(setCookie.contains("; secure"), "plain HTTP: no Secure flag, " + setCookie);
    String preLogin = b.cookie;
    HttpResponse<String> r = b.post("/login", form("username", "paula", "password", TestServer.PASSWORD,
        "_csrf", csrf(loginPage.body())));
    assertEquals(303, r.statusCode(), r::body);
    assertEquals("/dashboard", r.headers().firstValue("location").orElseThrow());
    assertNotEquals(preLogin, b.cookie, "a new session id after sign-in");
    HttpResponse<String> dashboard = b.get("/dashboard");
    assertEquals(200, dashboard.statusCode());
    assertTrue(dashboard.body().contains("id=\"username\">paula<"), dashboard.body());
    assertTrue(dashboard.body().contains("data-team=\"alpha\""));
    assertTrue(dashboard.body().contains(">product, viewer<"), dashboard.body());
    assertEquals("no-store", dashboard.headers().firstValue("cache-control").orElse(null));
  }

  @Test
  void sessionCookieIsSecureWhenServedOverTls() throws Exception {
    try (TestServer tls = TestServer.start(Map.of("MODELGATE_PUBLIC_URL", "https://modelgate.example"))) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tls.baseUrl() + "/login")).build(),
          HttpResponse.BodyHandlers.ofString());
      String setCookie = r.headers().firstValue("set-cookie").orElseThrow().toLowerCase(Locale.ROOT);
      assertTrue(setCookie.contains("; secure") && setCookie.contains("; httponly")
          && setCookie.contains("; samesite=lax"), setCookie);
    }
  }

  @Test
  void formPostsWithoutTheCsrfTokenAreRefused() {
    Browser b = new Browser();
    String csrf = b.openLogin();
    assertEquals(403, b.post("/login", form("username", "paula", "password", TestServer.PASSWORD)).statusCode());
    assertEquals(403, b.post("/login", form("username", "paula", "password", TestServer.PASSWORD,
        "_csrf", csrf + "x")).statusCode());
    Browser noSession = new Browser();
    assertEquals(403, noSession.post("/login", form("username", "paula", "password", TestServer.PASSWORD,
        "_csrf", csrf)).statusCode(), "a token from another session does not count");
    assertNull(noSession.get("/dashboard").headers().firstValue("set-cookie").orElse(null));

    assertEquals(303, b.post("/login", form("username", "paula", "password", TestServer.PASSWORD, "_csrf", csrf))
        .statusCode());
    HttpResponse<String> dashboard = b.get("/dashboard");
    String sessionCsrf = csrf(dashboard.body());
    assertEquals(403, b.post("/logout", form()).statusCode(), "sign-out is a form too");
    assertEquals(200, b.get("/dashboard").statusCode(), "still signed in");
    HttpResponse<String> out = b.post("/logout", form("_csrf", sessionCsrf));
    assertEquals(303, out.statusCode());
    assertEquals("/logged-out", out.headers().firstValue("location").orElseThrow());
    assertEquals(303, b.get("/dashboard").statusCode(), "signed out");
  }

  @Test
  void sessionCookieApiCallsNeedTheCsrfHeaderToChangeState() {
    Browser b = new Browser();
    assertEquals(303, b.login("paula", TestServer.PASSWORD).statusCode());
    String csrf = csrf(b.get("/dashboard").body());
    HttpResponse<String> me = b.get("/api/v1/me");
    assertEquals(200, me.statusCode(), me::body);
    assertTrue(me.body().contains("\"username\":\"paula\""));
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/tokens"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"name\":\"x\",\"team\":\"alpha\",\"roles\":[\"viewer\"]}"));
    assertEquals(403, b.send(post, null).statusCode(), "no CSRF header");
    HttpRequest.Builder again = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/tokens"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"name\":\"x\",\"team\":\"alpha\",\"roles\":[\"viewer\"]}"));
    assertEquals(201, b.send(again, csrf).statusCode());
  }

  @Test
  void failuresSayTheSameForUnknownUsersAndWrongPasswords() {
    HttpResponse<String> wrongPassword = new Browser().login("rolf", "not-the-password");
    HttpResponse<String> unknownUser = new Browser().login("nobody-here", "not-the-password");
    assertEquals(401, wrongPassword.statusCode());
    assertEquals(401, unknownUser.statusCode());
    assertEquals("Invalid user name or password.", message(wrongPassword.body()));
    assertEquals(message(wrongPassword.body()), message(unknownUser.body()));
    ApiResponse basicWrong = server.as("rolf", "not-the-password").get("/me");
    ApiResponse basicUnknown = server.as("nobody-here", "not-the-password").get("/me");
    assertEquals(401, basicWrong.status());
    assertEquals(basicWrong.json().getString("detail"), basicUnknown.json().getString("detail"));
  }

  @Test
  void theFormRefusesAPasswordPaddedWithNuls() {
    assertEquals(401, new Browser().login("rolf", TestServer.PASSWORD + "\0\0").statusCode());
    assertEquals(303, new Browser().login("rolf", TestServer.PASSWORD).statusCode());
  }

  @Test
  void repeatedFailedSignInsAreThrottled() {
    Browser b = new Browser();
    for (int i = 0; i < 5; i++) {
      assertEquals(401, b.login("throttled-user", "wrong-" + i).statusCode());
    }
    HttpResponse<String> blocked = b.login("throttled-user", "wrong-again");
    assertEquals(429, blocked.statusCode());
    long retryAfter = Long.parseLong(blocked.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
    assertEquals(303, new Browser().login("paula", TestServer.PASSWORD).statusCode(), "other users unaffected");
  }

  @Test
  void repeatedFailedBasicAuthIsThrottledWith429() {
    ApiClient wrong = server.as("basic-victim", "wrong-password");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, wrong.get("/me").status());
    }
    ApiResponse blocked = wrong.get("/me");
    assertEquals(429, blocked.status(), blocked::toString);
    assertNotNull(blocked.header("retry-after"));
    assertEquals("application/problem+json", blocked.contentType());
    assertEquals(200, server.as("rolf").get("/me").status(), "other users unaffected");
  }

  @Test
  void securityHeadersOnPagesAndApi() {
    for (String path : List.of("/login", "/api/v1/me", "/logged-out")) {
      HttpResponse<String> r = new Browser().get(path);
      var h = r.headers();
      String csp = h.firstValue("content-security-policy").orElseThrow(() -> new AssertionError("CSP on " + path));
      String scriptSrc = csp.split("script-src")[1].split(";")[0];
      assertFalse(scriptSrc.contains("unsafe-inline"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertTrue(csp.contains("object-src 'none'"), csp);
      assertEquals("nosniff", h.firstValue("x-content-type-options").orElse(null), path);
      assertEquals("DENY", h.firstValue("x-frame-options").orElse(null), path);
      assertEquals("no-referrer", h.firstValue("referrer-policy").orElse(null), path);
      assertEquals("same-origin", h.firstValue("cross-origin-opener-policy").orElse(null), path);
      assertTrue(h.firstValue("permissions-policy").isPresent(), path);
      assertEquals("no-store", h.firstValue("cache-control").orElse(null), path);
      assertFalse(h.firstValue("strict-transport-security").isPresent(), "no HSTS over plain HTTP");
    }
  }
}
