package dev.modelgate.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak for the single-sign-on tests: the distribution Maven unpacked into
 * {@code target/keycloak} ({@code keycloak-quarkus-dist}), started as {@code kc.sh start-dev --db=dev-mem
 * --import-realm} on 127.0.0.1 with free ports and the realm file from {@code docker/keycloak}, run by
 * the JDK that runs the tests. Anything that keeps it from starting is an error, never a skip.
 */
public final class KeycloakServer implements AutoCloseable {

  public static final String REALM = "modelgate";
  public static final String ADMIN = "kc-admin";
  public static final String ADMIN_PASSWORD = "kc-admin-password";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private KeycloakServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Keycloak and waits until the realm answers. {@code redirectBase} (the ModelGate server's
   * base URL) is added to the pages client's allowed redirect and post-logout URIs in the imported copy.
   */
  public static KeycloakServer start(String redirectBase) {
    Path home = Path.of(System.getProperty("modelgate.keycloakHome", "target/keycloak/keycloak-26.7.3"));
    Path realm = Path.of(System.getProperty("modelgate.realmFile", "docker/keycloak/modelgate-realm.json"));
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException("Keycloak distribution missing at " + home.toAbsolutePath()
          + ": run the tests through Maven (./mvnw verify), which unpacks org.keycloak:keycloak-quarkus-dist there;"
          + " or pass -DskipIT=true to skip the single-sign-on tests");
    }
    try {
      Path importDir = Files.createDirectories(home.resolve("data/import"));
      Files.writeString(importDir.resolve("modelgate-realm.json"), realmFor(Files.readString(realm), redirectBase));
      int port = freePort();
      int management = freePort();
      Path log = home.getParent().resolve("keycloak-" + port + ".log");
      ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
          "--db=dev-mem", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + port,
          "--http-management-port=" + management, "--health-enabled=false", "--cache=local")
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
      pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
      pb.environment().put("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=10 -Xms128m -Xmx768m");
      Process process = pb.start();
      KeycloakServer kc = new KeycloakServer(process, port, log);
      Runtime.getRuntime().addShutdownHook(new Thread(kc::close, "keycloak-stop"));
      kc.awaitReady(Duration.ofSeconds(600));
      return kc;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String realmFor(String realmJson, String redirectBase) {
    JsonObject realm = new JsonObject(realmJson);
    for (Object o : realm.getJsonArray("clients")) {
      JsonObject client = (JsonObject) o;
      if (client.getString("clientId").equals("modelgate-web")) {
        client.getJsonArray("redirectUris").add(redirectBase + "/auth/callback");
        JsonObject attributes = client.getJsonObject("attributes");
        attributes.put("post.logout.redirect.uris",
            attributes.getString("post.logout.redirect.uris") + "##" + redirectBase + "/logged-out");
      }
    }
    return realm.encodePrettily();
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready:\n"
            + tail());
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("Keycloak was not ready within " + timeout.toSeconds() + " s:\n" + tail());
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String issuer() {
    return baseUrl() + "/realms/" + REALM;
  }

  /** Tokens from the realm's token endpoint ({@code base} chooses the host name the issuer will carry). */
  public JsonObject token(String base, Map<String, String> form) {
    HttpResponse<String> r = post(base + "/realms/" + REALM + "/protocol/openid-connect/token", form, null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("token request failed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** An access token for a realm user through the password grant of the server's confidential client. */
  public String passwordGrant(String username, String password) {
    return token(baseUrl(), Map.of("grant_type", "password", "client_id", "modelgate",
        "client_secret", "modelgate-dev-secret", "username", username, "password", password, "scope", "openid"))
        .getString("access_token");
  }

  public String adminToken() {
    HttpResponse<String> r = post(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
        "grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD), null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("admin token request failed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("access_token");
  }

  /** GET on the admin REST API of the realm. */
  public HttpResponse<String> adminGet(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + path))
        .header("Authorization", "Bearer " + adminToken()).GET().build());
  }

  /** POST JSON on the admin REST API of the realm. */
  public HttpResponse<String> adminPost(String path, JsonObject body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + path))
        .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  public JsonArray userSessions(String username) {
    JsonArray users = new JsonArray(adminGet("/users?exact=true&username=" + username).body());
    String id = users.getJsonObject(0).getString("id");
    return new JsonArray(adminGet("/users/" + id + "/sessions").body());
  }

  public static HttpResponse<String> post(String url, Map<String, String> form, String authorization) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops Keycloak (and anything it started), politely first. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
