package dev.modelgate.kernel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code MODELGATE_TRUSTED_PROXIES}): IPv4 and
 * IPv6 addresses and CIDR ranges. None by default, so a client cannot choose its own address by sending the
 * header.
 */
public final class TrustedProxies {

  /** One address range: the first {@code prefix} bits of {@code network}. */
  private record Range(byte[] network, int prefix, String text) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Parses a comma-separated list such as {@code 10.0.0.0/8, 192.0.2.7, fd00::/8}; empty means none.
   *
   * @throws IllegalArgumentException naming the first entry that is not an address or CIDR range
   */
  public static TrustedProxies parse(String list) {
    List<Range> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return NONE;
    }
    for (String raw : list.split(",", -1)) {
      String entry = raw.trim();
      int slash = entry.indexOf('/');
      String addressText = slash < 0 ? entry : entry.substring(0, slash);
      Optional<InetAddress> address = IpLiteral.parse(addressText);
      if (address.isEmpty()) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
      }
      byte[] bytes = address.get().getAddress();
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = entry.substring(slash + 1);
        if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
          throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + bits);
        }
        prefix = Integer.parseInt(p);
      }
      out.add(new Range(bytes, prefix, entry));
    }
    return new TrustedProxies(out);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(InetAddress address) {
    byte[] b = address.getAddress();
    for (Range r : ranges) {
      if (r.contains(b)) {
        return true;
      }
    }
    return false;
  }

  /** As configured, for the start-up summary. */
  @Override
  public String toString() {
    return ranges.stream().map(Range::text).collect(Collectors.joining(","));
  }
}
