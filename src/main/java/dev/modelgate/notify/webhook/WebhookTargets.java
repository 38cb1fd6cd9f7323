package dev.modelgate.notify.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which hosts outbound webhooks may reach. Team leads choose webhook URLs, so without this rule anyone
 * with the lead role could make the server call its own admin ports, a cloud metadata service or other
 * machines on the internal network (server-side request forgery). By default only public addresses are
 * allowed; {@code MODELGATE_WEBHOOK_ALLOW_PRIVATE=true} lifts the rule for set-ups whose CI lives inside.
 * The host name is resolved, so a public name pointing at an internal address is refused too.
 */
public record WebhookTargets(boolean allowPrivate) {

  /** Empty when {@code url} may be called; otherwise the reason it may not, for the delivery log. */
  public Optional<String> refusal(URI url) {
    if (allowPrivate) {
      return Optional.empty();
    }
    String host = url.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      // Nothing to protect: the call itself will fail and be logged as unreachable.
      return Optional.empty();
    }
    for (InetAddress a : addresses) {
      if (isInternal(a)) {
        return Optional.of("refused: " + host + " resolves to the internal address " + a.getHostAddress()
            + " (set MODELGATE_WEBHOOK_ALLOW_PRIVATE=true to allow internal webhook targets)");
      }
    }
    return Optional.empty();
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
