package dev.modelgate.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an IP address literal (IPv4 dotted quad, IPv6, {@code [v6]}, with an optional {@code :port}) without
 * ever asking DNS: header values and settings are text from elsewhere, and a host name is not an address.
 */
public final class IpLiteral {

  private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern V4_PORT = Pattern.compile("([\\d.]{7,15}):\\d{1,5}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](?::\\d{1,5})?");

  private IpLiteral() {}

  /** An address as a proxy writes it into {@code X-Forwarded-For}: also {@code [v6]}, and with a port. */
  public static Optional<InetAddress> parseHop(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    Matcher bracketed = BRACKETED.matcher(s);
    if (bracketed.matches()) {
      return parse(bracketed.group(1));
    }
    Matcher v4Port = V4_PORT.matcher(s);
    return parse(v4Port.matches() ? v4Port.group(1) : s);
  }

  /** A bare address: a dotted quad or an IPv6 literal (no zone, no port). */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    Matcher v4 = V4.matcher(s);
    if (v4.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        b[i] = (byte) octet;
      }
      return address(b);
    }
    if (!V6.matcher(s).matches() || s.indexOf(':') < 0) {
      return Optional.empty();
    }
    try {
      // With a ':' in it, InetAddress parses a literal or refuses it; it never looks the text up.
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<InetAddress> address(byte[] b) {
    try {
      return Optional.of(InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
