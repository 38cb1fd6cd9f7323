package dev.modelgate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelgate.ModelGate;
import dev.modelgate.config.Config;
import dev.modelgate.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ModelGate server for tests: embedded store in a temporary data directory, random ports, and
 * a local {@code admin} account. Creating users is slow on purpose (PBKDF2), so share one server per
 * test class and create the few users a test needs.
 */
public final class TestServer implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "admin-password-for-tests";
  public static final String PASSWORD = "password-for-tests";

  private final Path dataDir;
  private final Map<String, String> env;
  private final java.time.Clock clock;
  private ModelGate server;

  private TestServer(Path dataDir, Map<String, String> env, java.time.Clock clock) {
    this.dataDir = dataDir;
    this.env = env;
    this.clock = clock;
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** Starts a server; {@code extraEnv} overrides configuration variables. */
  public static TestServer start(Map<String, String> extraEnv) {
    try {
      return start(Files.createTempDirectory("modelgate-test-"), extraEnv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a server whose clock (and so the embedded engine's timers) the test controls. */
  public static TestServer start(Map<String, String> extraEnv, java.time.Clock clock) {
    try {
      return start(Files.createTempDirectory("modelgate-test-"), extraEnv, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestServer start(Path dataDir, Map<String, String> extraEnv) {
    return start(dataDir, extraEnv, java.time.Clock.systemUTC());
  }

  public static TestServer start(Path dataDir, Map<String, String> extraEnv, java.time.Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put("MODELGATE_HTTP_PORT", "0");
    env.put("MODELGATE_DATA_DIR", dataDir.toString());
    env.put("MODELGATE_ENGINE_ADDRESS", "127.0.0.1:0");
    env.put("MODELGATE_ENGINE_REST_ADDRESS", "127.0.0.1:0");
    env.put("MODELGATE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // Test receivers listen on loopback, which production refuses by default.
    env.put("MODELGATE_WEBHOOK_ALLOW_PRIVATE", "true");
    env.putAll(extraEnv);
    TestServer t = new TestServer(dataDir, env, clock);
    t.boot();
    return t;
  }

  private void boot() {
    Config config = ConfigLoader.load(env, new String[0]);
    try {
      server = ModelGate.start(config, clock);
    } catch (Exception e) {
      throw new IllegalStateException("server did not start", e);
    }
  }

  /** Stops the server and starts it again on the same data directory. */
  public void restart() {
    server.close();
    boot();
  }

  public ModelGate server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  public ApiClient anonymous() {
    return new ApiClient(baseUrl(), null);
  }

  public ApiClient admin() {
    return as("admin", ADMIN_PASSWORD);
  }

  public ApiClient as(String user) {
    return as(user, PASSWORD);
  }

  public ApiClient as(String user, String password) {
    return new ApiClient(baseUrl(), ApiClient.basic(user, password));
  }

  public void createTeam(String slug) {
    ApiResponse r = admin().post("/teams", new JsonObject().put("slug", slug).put("name", "Team " + slug));
    assertEquals(201, r.status(), r::toString);
  }

  /** Creates a local user (password {@link #PASSWORD}) with the given roles in one team. */
  public ApiClient createUser(String username, String team, List<String> roles) {
    ApiResponse r = admin().post("/users", new JsonObject().put("username", username).put("password", PASSWORD));
    assertEquals(201, r.status(), r::toString);
    if (team != null) {
      grant(username, team, roles);
    }
    return as(username);
  }

  public void grant(String username, String team, List<String> roles) {
    ApiResponse r = admin().put("/teams/" + team + "/members/" + username,
        new JsonObject().put("roles", new JsonArray(roles)));
    assertEquals(200, r.status(), r::toString);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
