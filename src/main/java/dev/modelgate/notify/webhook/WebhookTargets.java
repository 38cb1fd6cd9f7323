package dev.modelgate.notify.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which hosts outbound webhooks may reach. Team leads choose webhook URLs, so without this rule anyone
 * with the lead role could make the server call its own admin ports, a cloud metadata service or other
 * machines on the internal network (server-side request forgery). By default only public addresses are
 * allowed; {@code MODELGATE_WEBHOOK_ALLOW_PRIVATE=true} lifts the rule for set-ups whose CI lives inside.
 *
 * <p>The host name is resolved once, here, and every address it resolves to is checked; the call then
 * connects to the vetted address itself ({@link PinnedHttp}) — it never resolves the name again, so a
 * name that answers a public address to the check and an internal one to the connection (DNS rebinding)
 * cannot get past.
 */
public record WebhookTargets(boolean allowPrivate, Resolver resolver) {

  /** Resolves a host name to its addresses (the system resolver; tests give their own). */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
  }

  /** The outcome of checking a URL: the address to connect to, or why not to connect at all. */
  public sealed interface Vetted {
    record Allowed(InetAddress address) implements Vetted {}

    record Refused(String reason) implements Vetted {}
  }

  public WebhookTargets(boolean allowPrivate) {
    this(allowPrivate, Resolver.SYSTEM);
  }

  /** Resolves the URL's host once and checks every address; the first address is the one to connect to. */
  public Vetted vet(URI url) {
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      return new Vetted.Refused("refused: the URL names no host");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      return new Vetted.Refused("unknown host " + host);
    }
    if (addresses.isEmpty()) {
      return new Vetted.Refused("unknown host " + host);
    }
    if (!allowPrivate) {
      for (InetAddress a : addresses) {
        if (isInternal(a)) {
          return new Vetted.Refused("refused: " + host + " resolves to the internal address " + a.getHostAddress()
              + " (set MODELGATE_WEBHOOK_ALLOW_PRIVATE=true to allow internal webhook targets)");
        }
      }
    }
    return new Vetted.Allowed(addresses.getFirst());
  }

  /** Empty when {@code url} may be called; otherwise the reason it may not, for the delivery log. */
  public Optional<String> refusal(URI url) {
    return vet(url) instanceof Vetted.Refused r ? Optional.of(r.reason()) : Optional.empty();
  }

  /** Loopback, private, link-local (incl. 169.254.169.254 metadata), unspecified, multicast, CGNAT, ULA. */
  static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127);
    }
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc;
    }
    return false;
  }
}
