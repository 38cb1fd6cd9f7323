package dev.modelgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void defaultsAreTheEmbeddedSingleMachineSetup() {
    Config c = ConfigLoader.load(Map.of(), new String[0]);
    assertEquals("127.0.0.1", c.httpHost());
    assertEquals(8080, c.httpPort());
    assertEquals(Path.of("./data"), c.dataDir());
    assertTrue(c.embeddedStore());
    assertTrue(c.embeddedEngine());
    assertEquals("127.0.0.1:26500", c.engineAddress());
    assertFalse(c.demo());
  }

  @Test
  void flagsWinOverEnvironment() {
    Config c = ConfigLoader.load(Map.of("MODELGATE_HTTP_PORT", "9000", "MODELGATE_DATA_DIR", "/tmp/a"),
        new String[] {"--http-port", "9100", "--data-dir=/tmp/b", "--demo"});
    assertEquals(9100, c.httpPort());
    assertEquals(Path.of("/tmp/b"), c.dataDir());
    assertTrue(c.demo());
  }

  @Test
  void invalidValuesAreRefusedWithOneLineNamingTheSetting() {
    ConfigException port = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("MODELGATE_HTTP_PORT", "70000"), new String[0]));
    assertTrue(port.getMessage().contains("MODELGATE_HTTP_PORT"), port.getMessage());
    assertFalse(port.getMessage().contains("\n"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MODELGATE_HTTP_PORT", "x"), new String[0]));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MONGODB_URI", "http://x"), new String[0]));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MODELGATE_DEMO", "maybe"), new String[0]));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), new String[] {"--no-such-flag"}));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), new String[] {"--http-port"}));
    assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("MODELGATE_ENGINE_ADDRESS", "nohost"), new String[0]));
  }

  @Test
  void anEngineBeyondLoopbackNeedsAToken() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        Map.of("MODELGATE_ENGINE_REST_ADDRESS", "0.0.0.0:8088"), new String[0]));
    assertTrue(e.getMessage().contains("MODELGATE_ENGINE_TOKEN"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), new String[] {"--engine-address",
        "0.0.0.0:26500"}));
    Config withToken = ConfigLoader.load(Map.of("MODELGATE_ENGINE_ADDRESS", "0.0.0.0:26500",
        "MODELGATE_ENGINE_TOKEN", "t0ken"), new String[0]);
    assertEquals("t0ken", withToken.engineToken().orElseThrow());
    assertEquals("127.0.0.1:8088", withToken.engineRestAddress());
  }

  @Test
  void demoIsRefusedWhenAnOidcIssuerIsConfigured() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        Map.of("OIDC_ISSUER", "http://127.0.0.1:8180/realms/modelgate"), new String[] {"--demo"}));
    assertTrue(e.getMessage().contains("OIDC_ISSUER"));
  }

  @Test
  void secretsAreMaskedInTheDescription() {
    Config c = ConfigLoader.load(Map.of("MODELGATE_ADMIN_PASSWORD", "s3cret-admin",
        "MONGODB_URI", "mongodb://app:hunter2@db.example:27017/?replicaSet=rs0",
        "OIDC_CLIENT_SECRET", "client-s3cret"), new String[0]);
    String text = ConfigLoader.describe(c);
    assertFalse(text.contains("s3cret-admin"));
    assertFalse(text.contains("hunter2"));
    assertFalse(text.contains("client-s3cret"));
    assertTrue(text.contains("mongodb://app:****@db.example:27017"));
    assertEquals(Optional.of("mongodb://app:hunter2@db.example:27017/?replicaSet=rs0"), c.mongoUri());
  }

  @Test
  void invalidSecretValuesAreNotEchoed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("MONGODB_URI", "postgres://u:topsecret@h"), new String[0]));
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void trustedProxiesAreNoneByDefaultAndAnInvalidEntryStopsTheServerNamingTheSetting() {
    assertTrue(ConfigLoader.load(Map.of(), new String[0]).trustedProxies().isEmpty());
    Config c = ConfigLoader.load(Map.of(), new String[] {"--trusted-proxies", "10.0.0.0/8, ::1"});
    assertFalse(c.trustedProxies().isEmpty());
    for (String bad : new String[] {"10.0.0.0/33", "proxy.internal", "10.0.0.1,", "fd00::/129", "1.2.3.4:80"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.load(Map.of("MODELGATE_TRUSTED_PROXIES", bad), new String[0]), bad);
      assertTrue(e.getMessage().contains("MODELGATE_TRUSTED_PROXIES"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void anAdminPasswordWithAControlCharacterIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("MODELGATE_ADMIN_PASSWORD", "admin\u0007password"), new String[0]));
    assertTrue(e.getMessage().contains("MODELGATE_ADMIN_PASSWORD"), e.getMessage());
    assertFalse(e.getMessage().contains("admin\u0007password"), "a secret is not echoed");
  }
}
