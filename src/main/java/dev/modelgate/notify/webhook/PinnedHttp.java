package dev.modelgate.notify.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outbound webhook POSTs that connect only to the address {@link WebhookTargets} vetted: the request names
 * that address as its server (Vert.x then does no name resolution of its own) while the URL's host stays
 * the request's host — so the {@code Host} header, the TLS server name (SNI) and the certificate's
 * host-name check all use the name, not the address. Redirects are never followed (one could lead past
 * the check). Blocking: call it on a virtual thread.
 */
public final class PinnedHttp implements AutoCloseable {

  /** A response: the status and (for callers that want it) the body. */
  public record Response(int status, String body) {}

  /** The call was not made: the target was refused or unknown. */
  public static final class Refused extends Exception {
    public Refused(String reason) {
      super(reason);
    }
  }

  private final HttpClient client;
  private final WebhookTargets targets;

  public PinnedHttp(Vertx vertx, WebhookTargets targets, Duration connectTimeout) {
    this(vertx, targets, connectTimeout, null);
  }

  /** {@code trust} replaces the JVM's trusted certificates (tests with their own certificate authority). */
  public PinnedHttp(Vertx vertx, WebhookTargets targets, Duration connectTimeout, TrustOptions trust) {
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .setVerifyHost(true)
        .setForceSni(true)
        .setKeepAlive(false);
    if (trust != null) {
      options.setTrustOptions(trust);
    }
    this.client = vertx.createHttpClient(options);
    this.targets = targets;
  }

  public WebhookTargets targets() {
    return targets;
  }

  /** POSTs {@code body} to {@code url} at its vetted address; throws {@link Refused} without connecting. */
  public Response post(URI url, Map<String, String> headers, String body, Duration timeout)
      throws Refused, java.io.IOException, InterruptedException {
    java.net.InetAddress address = switch (targets.vet(url)) {
      case WebhookTargets.Vetted.Allowed a -> a.address();
      case WebhookTargets.Vetted.Refused r -> throw new Refused(r.reason());
    };
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
        : url.getHost();
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
        .setHost(host)
        .setPort(port)
        .setSsl(https)
        .setURI(path)
        .setFollowRedirects(false)
        .setTimeout(timeout.toMillis());
    headers.forEach(request::putHeader);
    try {
      return client.request(request)
          .compose(req -> req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), b.toString())))
          .toCompletionStage().toCompletableFuture()
          .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new java.io.IOException(cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    } catch (TimeoutException e) {
      throw new java.net.http.HttpTimeoutException("timed out after " + timeout.toMillis() + " ms");
    } finally {
      // Vert.x closes an HTTP client once it is garbage: while this thread waits, nothing else may refer to
      // the client (a caller that made this object for one delivery), and a collection would close it under
      // the request, which then never completes.
      java.lang.ref.Reference.reachabilityFence(client);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
