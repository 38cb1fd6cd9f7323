package dev.modelgate.config;

/**
 * One configuration setting: the environment variable, the matching command-line flag, its default and
 * what it means. The README's configuration table lists exactly these.
 */
public enum Setting {
  HTTP_HOST("MODELGATE_HTTP_HOST", "--http-host", "127.0.0.1", false, "address the HTTP server binds to"),
  HTTP_PORT("MODELGATE_HTTP_PORT", "--http-port", "8080", false, "HTTP port (0 picks a free port)"),
  DATA_DIR("MODELGATE_DATA_DIR", "--data-dir", "./data", false, "directory of the embedded store's files"),
  MONGODB_URI("MONGODB_URI", "--mongodb-uri", "", true, "external MongoDB; unset = embedded MongoDB-wire store"),
  MONGODB_DATABASE("MONGODB_DATABASE", "--mongodb-database", "modelgate", false, "database name"),
  STORE_PROBE_MS("MODELGATE_STORE_PROBE_MS", "--store-probe-ms", "1000", false,
      "after a failed write (disk full, read-only), how often the embedded store tries to reopen its file (ms)"),
  STORE_RETRY_AFTER_SECONDS("MODELGATE_STORE_RETRY_AFTER_SECONDS", "--store-retry-after-seconds", "5", false,
      "Retry-After of the 503 answered while the store cannot make writes durable"),
  ENGINE_ADDRESS("MODELGATE_ENGINE_ADDRESS", "--engine-address", "127.0.0.1:26500", false,
      "host:port of the embedded engine's gRPC gateway (port 0 picks a free port)"),
  ENGINE_REST_ADDRESS("MODELGATE_ENGINE_REST_ADDRESS", "--engine-rest-address", "127.0.0.1:8088", false,
      "host:port of the embedded engine's REST API v2 (port 0 picks a free port)"),
  ENGINE_TOKEN("MODELGATE_ENGINE_TOKEN", "--engine-token", "", true,
      "bearer token both engine APIs require; the engine refuses to start off loopback without it"),
  ENGINE_HISTORY_DAYS("MODELGATE_ENGINE_HISTORY_DAYS", "--engine-history-days", "30", false,
      "days the embedded engine keeps its event log as queryable history (0 = none beyond the last snapshot)"),
  ZEEBE_GRPC_ADDRESS("ZEEBE_GRPC_ADDRESS", "--zeebe-grpc-address", "", false,
      "external Zeebe gateway (http://host:port); set = no embedded engine"),
  ADMIN_PASSWORD("MODELGATE_ADMIN_PASSWORD", "--admin-password", "", true,
      "creates the local `admin` account on first start"),
  DEMO("MODELGATE_DEMO", "--demo", "false", false, "seed demo team, users (password `demo`) and data"),
  MAX_BODY_BYTES("MODELGATE_MAX_BODY_BYTES", "--max-body-bytes", "1048576", false, "largest accepted request body"),
  OIDC_ISSUER("OIDC_ISSUER", "--oidc-issuer", "", false, "Keycloak realm URL; set = single sign-on"),
  OIDC_CLIENT_ID("OIDC_CLIENT_ID", "--oidc-client-id", "modelgate", false, "OIDC client id of the server"),
  OIDC_CLIENT_SECRET("OIDC_CLIENT_SECRET", "--oidc-client-secret", "", true, "OIDC client secret"),
  OIDC_AUDIENCE("OIDC_AUDIENCE", "--oidc-audience", "", false, "required `aud` of bearer tokens"),
  OIDC_GROUPS_CLAIM("OIDC_GROUPS_CLAIM", "--oidc-groups-claim", "groups", false, "claim holding group paths"),
  PUBLIC_URL("MODELGATE_PUBLIC_URL", "--public-url", "", false, "external URL of the server (for redirects)"),
  NOTIFY_POLL_MS("MODELGATE_NOTIFY_POLL_MS", "--notify-poll-ms", "250", false,
      "how often SSE streams and the webhook dispatcher poll the store (ms)"),
  SSE_HEARTBEAT_SECONDS("MODELGATE_SSE_HEARTBEAT_SECONDS", "--sse-heartbeat-seconds", "15", false,
      "idle seconds before an SSE stream sends a keep-alive comment"),
  WEBHOOK_BACKOFF_MS("MODELGATE_WEBHOOK_BACKOFF_MS", "--webhook-backoff-ms", "1000", false,
      "first webhook retry delay (ms); doubles per attempt, at most 1 h"),
  WEBHOOK_MAX_ATTEMPTS("MODELGATE_WEBHOOK_MAX_ATTEMPTS", "--webhook-max-attempts", "8", false,
      "attempts per webhook delivery before it is marked failed"),
  WEBHOOK_DISABLE_AFTER("MODELGATE_WEBHOOK_DISABLE_AFTER", "--webhook-disable-after", "20", false,
      "consecutive failed attempts that disable a webhook"),
  WEBHOOK_ALLOW_PRIVATE("MODELGATE_WEBHOOK_ALLOW_PRIVATE", "--webhook-allow-private", "false", false,
      "let webhooks call loopback and private-network addresses"),
  TRUSTED_PROXIES("MODELGATE_TRUSTED_PROXIES", "--trusted-proxies", "", false,
      "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed");

  private final String env;
  private final String flag;
  private final String defaultValue;
  private final boolean secret;
  private final String description;

  Setting(String env, String flag, String defaultValue, boolean secret, String description) {
    this.env = env;
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.description = description;
  }

  public String env() {
    return env;
  }

  public String flag() {
    return flag;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }
}
