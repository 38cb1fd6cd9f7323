package dev.modelgate.notify.webhook;

import dev.modelgate.kernel.Refusal;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs outbound webhooks may call: the one rule for both the moment a lead registers a URL (team
 * webhooks, the workflow webhook of the team settings) and every delivery. Team leads choose webhook URLs, so
 * without this rule anyone with the lead role could make the server call its own admin ports, a cloud metadata
 * service or other machines on the internal network (server-side request forgery). By default only public
 * addresses are allowed; {@code MODELGATE_WEBHOOK_ALLOW_PRIVATE=true} lifts that part of the rule for set-ups
 * whose CI lives inside.
 *
 * <p>Whatever the switch: only http and https, a host, and no credentials in the URL (the signature
 * authenticates the sender; credentials in a URL end up in logs). An IPv4 address must be written as four
 * decimal numbers: other spellings ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1})
 * are read differently by different parsers (a browser reads {@code 0177.0.0.1} as 127.0.0.1, Java as
 * 177.0.0.1) and have no use but to get past filters, so they are refused, naming the address a browser reads.
 *
 * <p>The host name is resolved here and every address it resolves to is checked; a delivery then connects
 * to the vetted address itself ({@link PinnedHttp}): it never resolves the name again, so a name that answers
 * a public address to the check and an internal one to the connection (DNS rebinding) cannot get past. A name
 * that does not resolve is refused at registration too: the lead learns of a typo at once, not from a
 * delivery log.
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

  /**
   * The form of a webhook URL, without looking its host up: an absolute http or https URL with a host and
   * without credentials. Throws {@link IllegalArgumentException} saying what is wrong.
   */
  public static URI parse(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must be an http:// or https:// URL");
    }
    if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      throw new IllegalArgumentException("must not contain credentials; the signature authenticates the sender");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      // java.net.URI finds no host in 127.1 or 127.0.0.1. (a browser does): say what it is.
      String authority = uri.getRawAuthority();
      if (authority != null) {
        String host = authority.replaceFirst(":[0-9]*$", "");
        numericIpv4(host).ifPresent(a -> {
          throw new IllegalArgumentException(otherSpelling(host, a));
        });
      }
      throw new IllegalArgumentException("must name a host");
    }
    if (!uri.getHost().startsWith("[")) {
      numericIpv4(uri.getHost()).filter(a -> !a.getHostAddress().equals(uri.getHost())).ifPresent(a -> {
        throw new IllegalArgumentException(otherSpelling(uri.getHost(), a));
      });
    }
    return uri;
  }

  /**
   * Registration: refuses, as a 400 naming {@code field}, a URL that a delivery would refuse now. Resolves the
   * host name, so it is called on a worker thread, never on an event loop.
   */
  public void requireAllowed(String field, String raw) {
    URI url;
    try {
      url = parse(raw);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid(field, e.getMessage());
    }
    if (vet(url) instanceof Vetted.Refused r) {
      throw Refusal.invalid(field, r.reason());
    }
  }

  /** Checks the URL's form, resolves its host once and checks every address; the first is the one to connect to. */
  public Vetted vet(URI url) {
    try {
      parse(url.toString());
    } catch (IllegalArgumentException e) {
      return new Vetted.Refused("refused: the URL " + e.getMessage());
    }
    String host = url.getHost();
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

  private static String otherSpelling(String host, Inet4Address a) {
    return "writes the IPv4 address " + a.getHostAddress() + " as " + host + "; write an address as four decimal "
        + "numbers such as " + a.getHostAddress();
  }

  /**
   * The IPv4 address a browser (the WHATWG URL standard) reads in {@code host}, or empty when the host is a
   * name: a host whose last label is a number is an address, of one to four parts, each decimal, octal
   * (leading 0) or hex (0x), the last part filling the remaining bytes. Throws {@link IllegalArgumentException}
   * for a host that is numeric but no address (a browser refuses such a URL too).
   */
  static Optional<Inet4Address> numericIpv4(String host) {
    String h = host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
    String[] parts = h.split("\\.", -1);
    if (number(parts[parts.length - 1]) == null) {
      return Optional.empty();
    }
    if (parts.length > 4) {
      throw new IllegalArgumentException("host " + host + " is neither a host name nor an IPv4 address");
    }
    long value = 0;
    for (int i = 0; i < parts.length; i++) {
      BigInteger n = number(parts[i]);
      boolean last = i == parts.length - 1;
      BigInteger limit = BigInteger.ONE.shiftLeft(last ? 8 * (4 - i) : 8);
      if (n == null || n.compareTo(limit) >= 0) {
        throw new IllegalArgumentException("host " + host + " is neither a host name nor an IPv4 address");
      }
      value = last ? (value << (8 * (4 - i))) | n.longValue() : (value << 8) | n.longValue();
    }
    byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A part of a numeric IPv4 host (decimal, 0-prefixed octal, 0x-prefixed hex), or null when it is not one. */
  private static BigInteger number(String part) {
    try {
      if (part.startsWith("0x") || part.startsWith("0X")) {
        String digits = part.substring(2);
        return digits.isEmpty() ? BigInteger.ZERO : digits.matches("[0-9A-Fa-f]+") ? new BigInteger(digits, 16) : null;
      }
      if (!part.matches("[0-9]+")) {
        return null;
      }
      return part.length() > 1 && part.startsWith("0")
          ? part.matches("[0-7]+") ? new BigInteger(part, 8) : null
          : new BigInteger(part);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Loopback, private, link-local (incl. 169.254.169.254 metadata), unspecified, multicast, broadcast and
   * reserved, CGNAT, ULA; and IPv6 forms that carry an IPv4 address (IPv4-compatible, NAT64, 6to4) by the
   * address they carry.
   */
  static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || first >= 240 || (first == 100 && second >= 64 && second <= 127)
          || (first == 198 && (second == 18 || second == 19)) || (first == 192 && second == 0 && (b[2] & 0xff) == 0);
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      if (zeros(b, 0, 12) || (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
          && zeros(b, 4, 12))) {
        return isInternal(v4(b, 12));
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return isInternal(v4(b, 2));
      }
    }
    return false;
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress v4(byte[] b, int at) {
    try {
      return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
