package dev.modelgate.config;

import dev.modelgate.kernel.PasswordRules;
import dev.modelgate.kernel.TrustedProxies;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads the configuration: a command-line flag wins over the environment variable, which wins over the
 * default. Any invalid value ends in a {@link ConfigException} naming the setting.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  public static Config load(Map<String, String> env, String[] args) {
    Map<Setting, String> raw = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = env.get(s.env());
      if (v != null && !v.isBlank()) {
        raw.put(s, v.trim());
      }
    }
    readFlags(args, raw);

    String host = value(raw, Setting.HTTP_HOST);
    if (host.isBlank()) {
      throw invalid(Setting.HTTP_HOST, host, "must not be empty");
    }
    int port = port(raw, Setting.HTTP_PORT);
    Path dataDir = path(raw, Setting.DATA_DIR);
    Optional<String> mongoUri = optional(raw, Setting.MONGODB_URI);
    mongoUri.ifPresent(u -> {
      if (!u.startsWith("mongodb://") && !u.startsWith("mongodb+srv://")) {
        throw invalid(Setting.MONGODB_URI, mask(u), "must start with mongodb:// or mongodb+srv://");
      }
    });
    String database = value(raw, Setting.MONGODB_DATABASE);
    if (!database.matches("[A-Za-z0-9_-]{1,63}")) {
      throw invalid(Setting.MONGODB_DATABASE, database, "must be 1-63 letters, digits, '_' or '-'");
    }
    String engineAddress = value(raw, Setting.ENGINE_ADDRESS);
    hostPort(Setting.ENGINE_ADDRESS, engineAddress);
    String engineRestAddress = value(raw, Setting.ENGINE_REST_ADDRESS);
    hostPort(Setting.ENGINE_REST_ADDRESS, engineRestAddress);
    Optional<String> zeebe = optional(raw, Setting.ZEEBE_GRPC_ADDRESS);
    zeebe.ifPresent(z -> httpUrl(Setting.ZEEBE_GRPC_ADDRESS, z));
    if (zeebe.isEmpty() && optional(raw, Setting.ENGINE_TOKEN).isEmpty()) {
      for (Setting s : new Setting[] {Setting.ENGINE_ADDRESS, Setting.ENGINE_REST_ADDRESS}) {
        String hostPort = value(raw, s);
        String engineHost = hostPort.substring(0, hostPort.lastIndexOf(':'));
        if (!dev.modelgate.kernel.Loopback.is(engineHost)) {
          throw new ConfigException(s.env() + "=" + hostPort + " is not a loopback address, so the embedded engine"
              + " requires " + Setting.ENGINE_TOKEN.env() + " (a bearer token for its gRPC and REST APIs)");
        }
      }
    }
    boolean demo = bool(raw, Setting.DEMO);
    int maxBody = positiveInt(raw, Setting.MAX_BODY_BYTES, 1024, 64 * 1024 * 1024);
    Optional<String> issuer = optional(raw, Setting.OIDC_ISSUER);
    issuer.ifPresent(i -> httpUrl(Setting.OIDC_ISSUER, i));
    if (demo && issuer.isPresent()) {
      throw new ConfigException(
          "invalid configuration: " + Setting.DEMO.flag() + " creates local demo accounts and is refused when "
              + Setting.OIDC_ISSUER.env() + " is set (identities come from the OIDC provider)");
    }
    Optional<String> publicUrl = optional(raw, Setting.PUBLIC_URL);
    publicUrl.ifPresent(u -> httpUrl(Setting.PUBLIC_URL, u));
    String groupsClaim = value(raw, Setting.OIDC_GROUPS_CLAIM);
    if (groupsClaim.isBlank()) {
      throw invalid(Setting.OIDC_GROUPS_CLAIM, groupsClaim, "must not be empty");
    }
    Optional<String> adminPassword = optional(raw, Setting.ADMIN_PASSWORD);
    adminPassword.ifPresent(pw -> {
      if (PasswordRules.hasControlCharacters(pw)) {
        throw invalid(Setting.ADMIN_PASSWORD, pw, "must not contain control characters");
      }
    });
    TrustedProxies trustedProxies;
    try {
      trustedProxies = TrustedProxies.parse(value(raw, Setting.TRUSTED_PROXIES));
    } catch (IllegalArgumentException e) {
      throw invalid(Setting.TRUSTED_PROXIES, value(raw, Setting.TRUSTED_PROXIES), "is invalid: " + e.getMessage());
    }
    return new Config(
        host,
        port,
        dataDir,
        mongoUri,
        database,
        new StoreRecovery(java.time.Duration.ofMillis(positiveInt(raw, Setting.STORE_PROBE_MS, 10, 600_000)),
            java.time.Duration.ofSeconds(positiveInt(raw, Setting.STORE_RETRY_AFTER_SECONDS, 1, 3600))),
        engineAddress,
        engineRestAddress,
        optional(raw, Setting.ENGINE_TOKEN),
        zeebe,
        adminPassword,
        demo,
        maxBody,
        issuer,
        optional(raw, Setting.OIDC_CLIENT_ID),
        optional(raw, Setting.OIDC_CLIENT_SECRET),
        optional(raw, Setting.OIDC_AUDIENCE),
        groupsClaim,
        publicUrl,
        notifySettings(raw),
        trustedProxies,
        java.time.Duration.ofDays(positiveInt(raw, Setting.ENGINE_HISTORY_DAYS, 0, 3650)));
  }

  private static NotifySettings notifySettings(Map<Setting, String> raw) {
    return new NotifySettings(
        java.time.Duration.ofMillis(positiveInt(raw, Setting.NOTIFY_POLL_MS, 10, 60_000)),
        java.time.Duration.ofSeconds(positiveInt(raw, Setting.SSE_HEARTBEAT_SECONDS, 1, 3600)),
        java.time.Duration.ofMillis(positiveInt(raw, Setting.WEBHOOK_BACKOFF_MS, 0, 3_600_000)),
        positiveInt(raw, Setting.WEBHOOK_MAX_ATTEMPTS, 1, 100),
        positiveInt(raw, Setting.WEBHOOK_DISABLE_AFTER, 1, 10_000),
        bool(raw, Setting.WEBHOOK_ALLOW_PRIVATE));
  }

  /** The effective configuration as printed at start-up, one setting per line, secrets masked. */
  public static String describe(Config c) {
    StringJoiner out = new StringJoiner("\n");
    out.add("  " + Setting.HTTP_HOST.env() + "=" + c.httpHost());
    out.add("  " + Setting.HTTP_PORT.env() + "=" + c.httpPort());
    out.add("  " + Setting.DATA_DIR.env() + "=" + c.dataDir().toAbsolutePath().normalize());
    out.add("  " + Setting.MONGODB_URI.env() + "=" + c.mongoUri().map(ConfigLoader::mask).orElse("(embedded)"));
    out.add("  " + Setting.MONGODB_DATABASE.env() + "=" + c.mongoDatabase());
    out.add("  " + Setting.STORE_PROBE_MS.env() + "=" + c.storeRecovery().probeInterval().toMillis());
    out.add("  " + Setting.STORE_RETRY_AFTER_SECONDS.env() + "=" + c.storeRecovery().retryAfter().toSeconds());
    out.add("  " + Setting.ZEEBE_GRPC_ADDRESS.env() + "=" + c.zeebeGrpcAddress().orElse("(embedded engine)"));
    out.add("  " + Setting.ENGINE_ADDRESS.env() + "=" + c.engineAddress());
    out.add("  " + Setting.ENGINE_REST_ADDRESS.env() + "=" + c.engineRestAddress());
    out.add("  " + Setting.ENGINE_TOKEN.env() + "=" + (c.engineToken().isPresent() ? "****" : "(unset)"));
    out.add("  " + Setting.ENGINE_HISTORY_DAYS.env() + "=" + c.engineHistoryRetention().toDays());
    out.add("  " + Setting.ADMIN_PASSWORD.env() + "=" + (c.adminPassword().isPresent() ? "****" : "(unset)"));
    out.add("  " + Setting.DEMO.env() + "=" + c.demo());
    out.add("  " + Setting.MAX_BODY_BYTES.env() + "=" + c.maxBodyBytes());
    out.add("  " + Setting.OIDC_ISSUER.env() + "=" + c.oidcIssuer().orElse("(unset: local accounts)"));
    out.add("  " + Setting.OIDC_CLIENT_ID.env() + "=" + c.oidcClientId().orElse("(unset)"));
    out.add("  " + Setting.OIDC_CLIENT_SECRET.env() + "=" + (c.oidcClientSecret().isPresent() ? "****" : "(unset)"));
    out.add("  " + Setting.OIDC_AUDIENCE.env() + "=" + c.oidcAudience().orElse("(unset)"));
    out.add("  " + Setting.OIDC_GROUPS_CLAIM.env() + "=" + c.oidcGroupsClaim());
    out.add("  " + Setting.PUBLIC_URL.env() + "=" + c.publicUrl().orElse("(unset)"));
    out.add("  " + Setting.NOTIFY_POLL_MS.env() + "=" + c.notifications().pollInterval().toMillis());
    out.add("  " + Setting.SSE_HEARTBEAT_SECONDS.env() + "=" + c.notifications().sseHeartbeat().toSeconds());
    out.add("  " + Setting.WEBHOOK_BACKOFF_MS.env() + "=" + c.notifications().webhookBackoff().toMillis());
    out.add("  " + Setting.WEBHOOK_MAX_ATTEMPTS.env() + "=" + c.notifications().webhookMaxAttempts());
    out.add("  " + Setting.WEBHOOK_DISABLE_AFTER.env() + "=" + c.notifications().webhookDisableAfter());
    out.add("  " + Setting.WEBHOOK_ALLOW_PRIVATE.env() + "=" + c.notifications().webhookAllowPrivate());
    out.add("  " + Setting.TRUSTED_PROXIES.env() + "="
        + (c.trustedProxies().isEmpty() ? "(none: X-Forwarded-For ignored)" : c.trustedProxies()));
    return out.toString();
  }

  /** Hides the password of a connection string: mongodb://user:****@host. */
  static String mask(String uri) {
    return uri.replaceAll("(://[^:/@]+:)[^@]*@", "$1****@");
  }

  private static void readFlags(String[] args, Map<Setting, String> raw) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      Setting setting = null;
      for (Setting s : Setting.values()) {
        if (s.flag().equals(name)) {
          setting = s;
        }
      }
      if (setting == null) {
        throw new ConfigException("invalid configuration: unknown option '" + name + "' (see README: Configuration)");
      }
      if (value == null) {
        if (setting == Setting.DEMO) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new ConfigException("invalid configuration: option " + name + " needs a value");
        }
      }
      raw.put(setting, value.trim());
    }
  }

  private static String value(Map<Setting, String> raw, Setting s) {
    return raw.getOrDefault(s, s.defaultValue());
  }

  private static Optional<String> optional(Map<Setting, String> raw, Setting s) {
    String v = value(raw, s);
    return v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  private static int port(Map<Setting, String> raw, Setting s) {
    String v = value(raw, s);
    try {
      int p = Integer.parseInt(v);
      if (p < 0 || p > 65535) {
        throw invalid(s, v, "must be a port number between 0 and 65535");
      }
      return p;
    } catch (NumberFormatException e) {
      throw invalid(s, v, "must be a port number between 0 and 65535");
    }
  }

  private static int positiveInt(Map<Setting, String> raw, Setting s, int min, int max) {
    String v = value(raw, s);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw invalid(s, v, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(s, v, "must be a whole number between " + min + " and " + max);
    }
  }

  private static boolean bool(Map<Setting, String> raw, Setting s) {
    String v = value(raw, s).toLowerCase();
    return switch (v) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw invalid(s, v, "must be true or false");
    };
  }

  private static Path path(Map<Setting, String> raw, Setting s) {
    String v = value(raw, s);
    try {
      if (v.isBlank()) {
        throw invalid(s, v, "must not be empty");
      }
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw invalid(s, v, "is not a valid path");
    }
  }

  private static void hostPort(Setting s, String v) {
    int colon = v.lastIndexOf(':');
    if (colon <= 0) {
      throw invalid(s, v, "must be host:port");
    }
    try {
      int p = Integer.parseInt(v.substring(colon + 1));
      if (p < 0 || p > 65535) {
        throw invalid(s, v, "port must be between 0 and 65535");
      }
    } catch (NumberFormatException e) {
      throw invalid(s, v, "must be host:port");
    }
  }

  private static void httpUrl(Setting s, String v) {
    try {
      URI u = new URI(v);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw invalid(s, v, "must be an http:// or https:// URL");
      }
    } catch (URISyntaxException e) {
      throw invalid(s, v, "must be an http:// or https:// URL");
    }
  }

  private static ConfigException invalid(Setting s, String value, String why) {
    String shown = s.secret() ? "****" : value;
    return new ConfigException(
        "invalid configuration: " + s.env() + " (" + s.flag() + ") = '" + shown + "' " + why);
  }
}
