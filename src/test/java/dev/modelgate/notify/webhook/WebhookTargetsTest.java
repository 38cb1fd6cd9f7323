package dev.modelgate.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks may not be aimed at the server's own network unless an operator allows it, and the check cannot
 * be dodged by DNS rebinding: the name is resolved once and the connection goes to that vetted address,
 * with the name kept for the Host header, SNI and the certificate check.
 */
class WebhookTargetsTest {

  private final WebhookTargets publicOnly = new WebhookTargets(false);
  static Vertx vertx;
  /** The receiver runs on its own Vert.x instance, so the client's event loop never serves it too. */
  static Vertx receiverVertx;
  static io.vertx.core.http.HttpServer receiver;
  static final AtomicInteger hits = new AtomicInteger();
  static final ConcurrentLinkedQueue<String> hosts = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    receiverVertx = Vertx.vertx();
    receiver = receiverVertx.createHttpServer()
        .requestHandler(req -> {
          hits.incrementAndGet();
          hosts.add(req.getHeader("Host"));
          req.response().setStatusCode(204).end();
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close().await(10, TimeUnit.SECONDS);
    receiverVertx.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static int port() {
    return receiver.actualPort();
  }

  static WebhookTargets.Resolver fixed(Map<String, List<String>> answers, AtomicInteger lookups) {
    return host -> {
      lookups.incrementAndGet();
      List<String> ips = answers.get(host);
      if (ips == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> out = new java.util.ArrayList<>();
      for (String ip : ips) {
        out.add(InetAddress.getByName(ip));
      }
      return out;
    };
  }

  static WebhookSender sender(WebhookTargets targets) {
    return new WebhookSender(new PinnedHttp(vertx, targets, Duration.ofMillis(500)), Clock.systemUTC(),
        Duration.ofSeconds(5));
  }

  static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  static final WebhookSender.Message MESSAGE = new WebhookSender.Message("d1", "test", "{}");

  @Test
  void internalAddressesAreRefused() {
    for (String url : new String[] {"http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/",
        "http://192.168.0.10/", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/", "http://100.64.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/"}) {
      assertTrue(publicOnly.refusal(URI.create(url)).isPresent(), url);
    }
  }

  @Test
  void publicAddressesAreAllowed() {
    for (String url : new String[] {"https://93.184.216.34/hook", "http://8.8.8.8/", "http://[2001:4860::8888]/",
        "http://100.128.0.1/", "http://172.32.0.1/"}) {
      assertFalse(publicOnly.refusal(URI.create(url)).isPresent(), url);
    }
  }

  @Test
  void everyNumericSpellingIsReadAsABrowserReadsIt() {
    Map<String, String> spellings = Map.of("2130706433", "127.0.0.1", "0x7f000001", "127.0.0.1",
        "0177.0.0.1", "127.0.0.1", "127.1", "127.0.0.1", "127.0.1", "127.0.0.1", "0x7f.1", "127.0.0.1",
        "017700000001", "127.0.0.1", "127.0.0.1.", "127.0.0.1", "0xa9.0xfe.0xa9.0xfe", "169.254.169.254",
        "8.8.8.8", "8.8.8.8");
    spellings.forEach((host, address) -> assertEquals(address,
        WebhookTargets.numericIpv4(host).orElseThrow().getHostAddress(), host));
    for (String name : List.of("example.org", "hooks.example.test", "localhost", "1x.example")) {
      assertTrue(WebhookTargets.numericIpv4(name).isEmpty(), name);
    }
    for (String notAnAddress : List.of("256.0.0.1", "1.2.3.4.5", "foo.0x10", "4294967296", "08.0.0.1", "1..2")) {
      assertThrows(IllegalArgumentException.class, () -> WebhookTargets.numericIpv4(notAnAddress), notAnAddress);
    }
  }

  @Test
  void otherSpellingsAndCredentialsAreRefusedWhateverTheSwitch() {
    WebhookTargets allowing = new WebhookTargets(true);
    for (String url : List.of("http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/",
        "http://127.0.0.1./", "http://8.8.8.010/", "http://user:pw@127.0.0.1/", "https://token@8.8.8.8/",
        "ftp://8.8.8.8/")) {
      assertTrue(allowing.refusal(URI.create(url)).isPresent(), url);
      assertTrue(publicOnly.refusal(URI.create(url)).isPresent(), url);
    }
    assertTrue(allowing.refusal(URI.create("http://0177.0.0.1/")).orElseThrow().contains("127.0.0.1"),
        "names the address a browser reads");
  }

  @Test
  void ipv6FormsCarryingAnInternalIpv4AddressAreRefused() {
    for (String url : List.of("http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/", "http://[::]/",
        "http://255.255.255.255/", "http://240.0.0.1/")) {
      assertTrue(publicOnly.refusal(URI.create(url)).isPresent(), url);
    }
    assertFalse(publicOnly.refusal(URI.create("http://[64:ff9b::808:808]/")).isPresent());
  }

  @Test
  void operatorsMayAllowInternalTargets() {
    assertFalse(new WebhookTargets(true).refusal(URI.create("http://127.0.0.1/")).isPresent());
  }

  @Test
  void theSenderNeverConnectsToARefusedTarget() {
    int before = hits.get();
    URI url = URI.create("http://127.0.0.1:" + port() + "/hook");
    WebhookSender.Outcome refused = sender(publicOnly).send(url, "secret-secret-secret", MESSAGE);
    assertFalse(refused.success());
    assertTrue(refused.error().contains("MODELGATE_WEBHOOK_ALLOW_PRIVATE"), refused.error());
    assertEquals(before, hits.get());

    WebhookSender.Outcome allowed = sender(new WebhookTargets(true)).send(url, "secret-secret-secret", MESSAGE);
    assertTrue(allowed.success(), allowed::toString);
    assertEquals(before + 1, hits.get());
  }

  @Test
  void aNameResolvingToAnInternalAddressIsNeverConnected() {
    int before = hits.get();
    AtomicInteger lookups = new AtomicInteger();
    WebhookTargets targets = new WebhookTargets(false,
        fixed(Map.of("evil.example.test", List.of("203.0.113.7", "127.0.0.1")), lookups));
    WebhookSender.Outcome o = sender(targets).send(URI.create("http://evil.example.test:" + port() + "/hook"),
        "secret-secret-secret", MESSAGE);
    assertFalse(o.success());
    assertTrue(o.error().contains("127.0.0.1"), o.error());
    assertEquals(before, hits.get(), "one internal address among the answers is enough to refuse");
    assertEquals(1, lookups.get());
  }

  @Test
  void aRebindingNameIsConnectedAtTheAddressThatWasCheckedNotAtItsNextAnswer() {
    int before = hits.get();
    AtomicInteger lookups = new AtomicInteger();
    // First answer public (TEST-NET-1, unreachable), every later answer loopback: the classic rebinding trick.
    WebhookTargets.Resolver rebinding = host -> {
      int n = lookups.incrementAndGet();
      return List.of(InetAddress.getByName(n == 1 ? "192.0.2.1" : "127.0.0.1"));
    };
    WebhookSender.Outcome o = sender(new WebhookTargets(false, rebinding))
        .send(URI.create("http://rebind.example.test:" + port() + "/hook"), "secret-secret-secret", MESSAGE);
    assertFalse(o.success(), o::toString);
    assertEquals(1, lookups.get(), "the name is resolved once, for the check; the connection uses that answer");
    assertEquals(before, hits.get(), "the loopback receiver was never reached");
  }

  @Test
  void thePinnedConnectionKeepsTheNameInTheHostHeader() {
    int before = hits.get();
    hosts.clear();
    AtomicInteger lookups = new AtomicInteger();
    WebhookTargets targets = new WebhookTargets(true,
        fixed(Map.of("hooks.example.test", List.of("127.0.0.1")), lookups));
    WebhookSender.Outcome o = sender(targets).send(URI.create("http://hooks.example.test:" + port() + "/hook"),
        "secret-secret-secret", MESSAGE);
    assertTrue(o.success(), o::toString);
    assertEquals(before + 1, hits.get());
    assertEquals(List.of("hooks.example.test:" + port()), List.copyOf(hosts));
  }

  @Test
  void anAddressThatCarriesItsNameIsConnectedAsAnAddressWithoutAnotherLookup() throws Exception {
    int before = hits.get();
    hosts.clear();
    // As the system resolver answers: the address object remembers the name it was resolved from. The name
    // is not in any DNS here, so a second lookup by the HTTP client would fail the delivery.
    InetAddress named = InetAddress.getByAddress("named-only.example.test", new byte[] {127, 0, 0, 1});
    WebhookTargets targets = new WebhookTargets(true, host -> List.of(named));
    WebhookSender.Outcome o = sender(targets).send(URI.create("http://named-only.example.test:" + port() + "/hook"),
        "secret-secret-secret", MESSAGE);
    assertTrue(o.success(), o::toString);
    assertEquals(before + 1, hits.get());
    assertEquals(List.of("named-only.example.test:" + port()), List.copyOf(hosts));
  }

  @Test
  void tlsChecksTheCertificateAgainstTheNameWhileConnectingToTheVettedAddress() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("hooks.example.test");
    AtomicInteger tlsHits = new AtomicInteger();
    io.vertx.core.http.HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(req -> {
          tlsHits.incrementAndGet();
          req.response().setStatusCode(204).end();
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try {
      int p = tls.actualPort();
      WebhookTargets targets = new WebhookTargets(true, fixed(Map.of("hooks.example.test", List.of("127.0.0.1"),
          "other.example.test", List.of("127.0.0.1")), new AtomicInteger()));
      PinnedHttp http = new PinnedHttp(vertx, targets, Duration.ofSeconds(2), cert.trustOptions());
      PinnedHttp.Response ok = http.post(URI.create("https://hooks.example.test:" + p + "/hook"), Map.of(), "{}",
          Duration.ofSeconds(5));
      assertEquals(204, ok.status());
      assertEquals(1, tlsHits.get());
      // The same address under another name: the certificate does not match it, so no request is sent.
      java.io.IOException wrongName = assertThrows(java.io.IOException.class, () -> http.post(
          URI.create("https://other.example.test:" + p + "/hook"), Map.of(), "{}", Duration.ofSeconds(5)));
      Throwable root = rootCause(wrongName);
      assertInstanceOf(java.security.cert.CertificateException.class, root, wrongName::toString);
      assertTrue(String.valueOf(root.getMessage()).contains("other.example.test"), root::toString);
      assertEquals(1, tlsHits.get(), wrongName::toString);
    } finally {
      tls.close().await(10, TimeUnit.SECONDS);
    }
  }
}
