package dev.modelgate.web;

import dev.modelgate.kernel.TrustedProxies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-address rule: X-Forwarded-For is believed only from trusted proxies, hop by hop from the right. */
class ClientAddressTest {

  static ClientAddress trusting(String proxies) {
    return new ClientAddress(TrustedProxies.parse(proxies));
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    assertEquals("127.0.0.1", new ClientAddress(TrustedProxies.NONE).resolve("127.0.0.1", List.of("203.0.113.9")));
  }

  @Test
  void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
    assertEquals("198.51.100.4", trusting("10.0.0.0/8").resolve("198.51.100.4", List.of("10.1.1.1, 203.0.113.9")));
  }

  @Test
  void aTrustedChainYieldsTheFirstUntrustedHopFromTheRight() {
    ClientAddress a = trusting("10.0.0.0/8, 192.0.2.7");
    // The client wrote "1.1.1.1" itself; the edge proxy appended the real client; an inner proxy appended the edge.
    assertEquals("203.0.113.9", a.resolve("10.0.0.5", List.of("1.1.1.1, 203.0.113.9, 192.0.2.7")));
    assertEquals("203.0.113.9", a.resolve("10.0.0.5", List.of("1.1.1.1, 203.0.113.9", "192.0.2.7")),
        "several header lines are one list");
    assertEquals("203.0.113.9", a.resolve("10.0.0.5", List.of("203.0.113.9:51234")), "a port is dropped");
    assertEquals("10.0.0.5", a.resolve("10.0.0.5", List.of()), "no header: the proxy itself");
    assertEquals("10.3.3.3", a.resolve("10.0.0.5", List.of("10.3.3.3", "10.2.2.2")),
        "only trusted hops: the leftmost");
  }

  @Test
  void ipv6AddressesAndRanges() {
    ClientAddress a = trusting("fd00::/8, ::1");
    assertEquals("2001:db8:0:0:0:0:0:7", a.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::7, fd12::1")));
    assertEquals("2001:db8:0:0:0:0:0:7", a.resolve("::1", List.of("[2001:db8::7]:443")));
    assertEquals("fe80::1", trusting("fd00::/8").resolve("fe80::1", List.of("203.0.113.9")), "outside the range");
  }

  @Test
  void cidrRangesMatchOnTheirPrefixOnly() {
    ClientAddress a = trusting("192.168.4.0/22");
    assertEquals("203.0.113.9", a.resolve("192.168.7.255", List.of("203.0.113.9")));
    assertEquals("192.168.8.1", a.resolve("192.168.8.1", List.of("203.0.113.9")), "just outside /22");
    assertEquals("203.0.113.9", trusting("0.0.0.0/0").resolve("8.8.8.8", List.of("203.0.113.9")));
  }

  @Test
  void anUnreadableEntryEndsTheWalkAtTheLastAddressRead() {
    ClientAddress a = trusting("10.0.0.0/8");
    assertEquals("10.0.0.5", a.resolve("10.0.0.5", List.of("203.0.113.9, unknown")));
    assertEquals("10.0.0.5", a.resolve("10.0.0.5", List.of("203.0.113.9, evil.example.com")), "no DNS, no belief");
    assertEquals("10.0.0.5", a.resolve("10.0.0.5", List.of("")));
    assertEquals("10.0.0.6", a.resolve("10.0.0.5", List.of("203.0.113.9, 999.1.1.1, 10.0.0.6")));
    assertEquals("203.0.113.9", a.resolve("10.0.0.5", List.of("garbage, 203.0.113.9")),
        "garbage left of the client is never reached");
  }

  @Test
  void invalidSettingsAreRefused() {
    for (String bad : new String[] {"10.0.0.0/33", "10.0.0", "host.example", "::1/129", "10.0.0.1/x", ","}) {
      assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad), bad);
    }
  }
}
