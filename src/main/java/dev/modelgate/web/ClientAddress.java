package dev.modelgate.web;

import dev.modelgate.kernel.TrustedProxies;
import dev.modelgate.kernel.IpLiteral;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says which address a request came from, for the sign-in lock-out, the request log and
 * the audit. Behind reverse proxies the connection's peer is the proxy, so {@code X-Forwarded-For} is read
 * from the right — but only when the peer is one of the {@link TrustedProxies}, and only for as long as the
 * hops are trusted proxies too: the first untrusted hop is the client. An unreadable entry ends the walk at
 * the last address read (a proxy), since whatever is left of it came from the client unchecked.
 */
public final class ClientAddress {

  static final String KEY = "modelgate.clientAddress";
  static final String HEADER = "X-Forwarded-For";
  /** Hops read at most: more than any real proxy chain; a longer list is treated as unreadable beyond. */
  static final int MAX_HOPS = 20;

  private final TrustedProxies trusted;

  public ClientAddress(TrustedProxies trusted) {
    this.trusted = trusted;
  }

  /** Router handler: works out the address once, for every later step of the request. */
  public void assign(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String peer = request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
    ctx.put(KEY, resolve(peer, request.headers().getAll(HEADER)));
    ctx.next();
  }

  /** The address {@link #assign} found; the connection's peer when it did not run. */
  public static String of(RoutingContext ctx) {
    String a = ctx.get(KEY);
    if (a != null) {
      return a;
    }
    return ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress();
  }

  /** The client's address given the connection's peer and the {@code X-Forwarded-For} header lines. */
  public String resolve(String peer, List<String> forwardedFor) {
    if (trusted.isEmpty() || forwardedFor == null || forwardedFor.isEmpty()) {
      return peer;
    }
    Optional<InetAddress> peerAddress = IpLiteral.parse(peer);
    if (peerAddress.isEmpty() || !trusted.contains(peerAddress.get())) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String line : forwardedFor) {
      for (String hop : line.split(",", -1)) {
        hops.add(hop);
      }
    }
    InetAddress current = peerAddress.get();
    for (int i = hops.size() - 1, read = 0; i >= 0 && read < MAX_HOPS; i--, read++) {
      Optional<InetAddress> hop = IpLiteral.parseHop(hops.get(i));
      if (hop.isEmpty()) {
        break;
      }
      current = hop.get();
      if (!trusted.contains(current)) {
        break;
      }
    }
    return current.getHostAddress();
  }
}
