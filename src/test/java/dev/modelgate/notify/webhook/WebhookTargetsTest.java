package dev.modelgate.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Webhooks may not be aimed at the server's own network unless an operator allows it. */
class WebhookTargetsTest {

  private final WebhookTargets publicOnly = new WebhookTargets(false);

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
  void operatorsMayAllowInternalTargets() {
    assertFalse(new WebhookTargets(true).refusal(URI.create("http://127.0.0.1/")).isPresent());
  }

  @Test
  void theSenderNeverConnectsToARefusedTarget() throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger hits = new AtomicInteger();
    receiver.createContext("/", exchange -> {
      hits.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      WebhookSender.Message message = new WebhookSender.Message("d1", "test", "{}");
      WebhookSender.Outcome refused = new WebhookSender(Clock.systemUTC(), Duration.ofSeconds(5), publicOnly)
          .send(url, "secret-secret-secret", message);
      assertFalse(refused.success());
      assertTrue(refused.error().contains("MODELGATE_WEBHOOK_ALLOW_PRIVATE"), refused.error());
      assertEquals(0, hits.get());

      WebhookSender.Outcome allowed = new WebhookSender(Clock.systemUTC(), Duration.ofSeconds(5),
          new WebhookTargets(true)).send(url, "secret-secret-secret", message);
      assertTrue(allowed.success(), allowed::toString);
      assertEquals(1, hits.get());
    } finally {
      receiver.stop(0);
    }
  }
}
