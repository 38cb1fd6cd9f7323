package dev.modelgate.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Back-off doubles from the base and stops growing at an hour; URLs other than http(s) are refused. */
class RetryPolicyTest {

  @Test
  void backOffIsExponentialAndCapped() {
    RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), 8, 20);
    assertEquals(Duration.ofSeconds(1), p.delayAfter(1));
    assertEquals(Duration.ofSeconds(2), p.delayAfter(2));
    assertEquals(Duration.ofSeconds(4), p.delayAfter(3));
    assertEquals(Duration.ofSeconds(64), p.delayAfter(7));
    assertEquals(Duration.ofHours(1), p.delayAfter(13));
    assertEquals(Duration.ofHours(1), p.delayAfter(1000));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 0, 1));
  }

  @Test
  void onlyAbsoluteHttpUrlsAreWebhookUrls() {
    assertEquals(URI.create("https://ci.example.org/hook?x=1"), WebhookTargets.parse("https://ci.example.org/hook?x=1"));
    assertEquals(URI.create("HTTP://127.0.0.1:9/h"), WebhookTargets.parse("HTTP://127.0.0.1:9/h"));
    for (String bad : new String[] {"ftp://x/y", "javascript:alert(1)", "file:///etc/passwd", "mailto:a@b.c",
        "//no-scheme/x", "http:///no-host", "https://u:p@h/x", "not a url"}) {
      assertThrows(IllegalArgumentException.class, () -> WebhookTargets.parse(bad), bad);
    }
  }

  @Test
  void signaturesCoverTimestampAndBody() {
    String sig = WebhookSignature.sign("secret-secret-secret", 1_700_000_000L, "{\"a\":1}");
    assertEquals(71, sig.length());
    assertEquals(true, WebhookSignature.verify("secret-secret-secret", 1_700_000_000L, "{\"a\":1}", sig));
    assertEquals(false, WebhookSignature.verify("secret-secret-secret", 1_700_000_001L, "{\"a\":1}", sig));
    assertEquals(false, WebhookSignature.verify("secret-secret-secret", 1_700_000_000L, "{\"a\":2}", sig));
    assertEquals(false, WebhookSignature.verify("secret-secret-secret", 1_700_000_000L, "{\"a\":1}", null));
  }
}
