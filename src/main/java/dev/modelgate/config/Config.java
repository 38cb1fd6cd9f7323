package dev.modelgate.config;

import dev.modelgate.kernel.TrustedProxies;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The effective configuration of one server process. Built by {@link ConfigLoader} from environment
 * variables and command-line flags; every value is validated before the server starts.
 */
public record Config(
    String httpHost,
    int httpPort,
    Path dataDir,
    Optional<String> mongoUri,
    String mongoDatabase,
    StoreRecovery storeRecovery,
    String engineAddress,
    String engineRestAddress,
    Optional<String> engineToken,
    Optional<String> zeebeGrpcAddress,
    Optional<String> adminPassword,
    boolean demo,
    int maxBodyBytes,
    Optional<String> oidcIssuer,
    Optional<String> oidcClientId,
    Optional<String> oidcClientSecret,
    Optional<String> oidcAudience,
    String oidcGroupsClaim,
    Optional<String> publicUrl,
    NotifySettings notifications,
    TrustedProxies trustedProxies,
    java.time.Duration engineHistoryRetention) {

  /** True when the server runs its own embedded MongoDB-wire store. */
  public boolean embeddedStore() {
    return mongoUri.isEmpty();
  }

  /** True when the server runs its own embedded workflow engine. */
  public boolean embeddedEngine() {
    return zeebeGrpcAddress.isEmpty();
  }
}
